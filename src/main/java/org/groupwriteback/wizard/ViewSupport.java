package org.groupwriteback.wizard;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Small builders shared by the page views so that every page looks the same (style classes in wizard.css). */
public final class ViewSupport {
    private ViewSupport() {
    }

    /** A wrapping paragraph. */
    public static Label text(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        l.getStyleClass().add("paragraph");
        return l;
    }

    /** A text field with the id tests and CSS look it up by, and its prompt. */
    public static TextField textField(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    /** A small section heading inside a page. */
    public static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    /** A wrapping status line bound to {@code value}, hidden while empty; {@code style} is ok/error/warn/info. */
    public static Label status(ObservableStringValue value, String style) {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        l.textProperty().bind(value);
        l.getStyleClass().addAll("status", style);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A list of messages whose lines wrap instead of scrolling sideways. */
    public static ListView<String> messageList(ObservableList<String> items) {
        ListView<String> list = new ListView<>(items);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                // Width 0 lets the cell take the list's width and wrap inside it.
                setPrefWidth(0);
            }
        });
        return list;
    }

    /** A form grid: labels in the first column, fields growing in the second. */
    public static GridPane form() {
        GridPane g = new GridPane();
        g.getStyleClass().add("form");
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }

    /** Adds a row with a mnemonic label ({@code _} marks the key) wired to {@code field}. */
    public static void row(GridPane form, int row, String label, Node field) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(field);
        form.add(l, 0, row);
        form.add(field, 1, row);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    /**
     * Wires {@code item} to its lazily loaded OU {@code node} (the OU filter and the target OU pages): children
     * are built with {@code factory} as the level loads, a {@code loadingText} placeholder makes the expand arrow
     * appear before that, expanding asks {@code tree} to load the level, and the root starts expanded.
     */
    public static <T extends TreeItem<Object>> T lazyOuItem(T item, OuNode node, OuTree tree,
            Function<OuNode, TreeItem<Object>> factory, String loadingText) {
        fillOuItem(item, node, factory, loadingText);
        node.children().addListener((ListChangeListener<OuNode>) c -> fillOuItem(item, node, factory, loadingText));
        item.expandedProperty().addListener((o, a, expanded) -> {
            if (expanded) {
                tree.expand(node);
            }
        });
        if (node.parent() == null) {
            item.setExpanded(true);
        }
        return item;
    }

    private static void fillOuItem(TreeItem<Object> item, OuNode node, Function<OuNode, TreeItem<Object>> factory,
            String loadingText) {
        if (!node.children().isEmpty()) {
            item.getChildren().setAll(node.children().stream().map(factory).toList());
        } else if (node.hasChildren()) {
            item.getChildren().setAll(List.of(new TreeItem<>(loadingText)));
        } else {
            item.getChildren().clear();
        }
    }
}
