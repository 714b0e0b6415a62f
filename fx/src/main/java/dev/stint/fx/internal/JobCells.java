package dev.stint.fx.internal;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.TreeTableCell;

/**
 * A tree-table cell that shows a node bound to its row's item: {@code bind} is called for each new item
 * and {@code unbind} before the cell is reused.
 */
public final class JobCells {

    private JobCells() {
    }

    /** A cell showing {@code graphic}, bound with {@code bind} and released with {@code unbind}. */
    public static <S> TreeTableCell<S, S> cell(Node graphic, Consumer<S> bind, Runnable unbind) {
        return new TreeTableCell<>() {
            @Override
            protected void updateItem(S item, boolean empty) {
                super.updateItem(item, empty);
                unbind.run();
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                } else {
                    bind.accept(item);
                    setGraphic(graphic);
                }
            }
        };
    }
}
