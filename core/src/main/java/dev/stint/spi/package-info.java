/**
 * The service-provider interface that generated job catalogs implement. Applications rarely use it
 * directly: the annotation processor generates catalogs, and the library builder accepts them.
 */
package dev.stint.spi;
