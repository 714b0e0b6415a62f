package dev.stint.fx.internal;

import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.scene.control.TreeItem;

/** Mirrors an observable list (and each element's child list) as the children of a tree item. */
public final class TreeItems {

    private TreeItems() {
    }

    /**
     * Keeps {@code parent}'s children equal to {@code list}, recursively through {@code childrenOf}. The
     * listeners are weak; {@code keepAlive} holds them for as long as the tree is used.
     */
    public static <T> void mirror(TreeItem<T> parent, ObservableList<T> list,
            Function<T, ObservableList<T>> childrenOf, List<Object> keepAlive) {
        parent.getChildren().setAll(list.stream().map(t -> item(t, childrenOf, keepAlive)).toList());
        ListChangeListener<T> listener = change -> {
            while (change.next()) {
                if (change.wasPermutated() || change.wasUpdated()) {
                    parent.getChildren().setAll(list.stream().map(t -> item(t, childrenOf, keepAlive)).toList());
                    continue;
                }
                if (change.wasRemoved()) {
                    parent.getChildren().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                }
                if (change.wasAdded()) {
                    parent.getChildren().addAll(change.getFrom(), change.getAddedSubList().stream()
                            .map(t -> item(t, childrenOf, keepAlive)).toList());
                }
            }
        };
        keepAlive.add(listener);
        list.addListener(new WeakListChangeListener<>(listener));
    }

    private static <T> TreeItem<T> item(T value, Function<T, ObservableList<T>> childrenOf, List<Object> keepAlive) {
        TreeItem<T> item = new TreeItem<>(value);
        item.setExpanded(true);
        mirror(item, childrenOf.apply(value), childrenOf, keepAlive);
        return item;
    }
}
