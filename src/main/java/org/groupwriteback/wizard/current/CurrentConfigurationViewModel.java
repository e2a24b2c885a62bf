package org.groupwriteback.wizard.current;

import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardState;

/** View current configuration: the installation's settings, read only. */
public final class CurrentConfigurationViewModel implements PageModel {
    private final WizardState state;
    private final ConfigurationSummary summary;
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");

    public CurrentConfigurationViewModel(WizardState state, ConfigurationSummary summary) {
        this.state = state;
        this.summary = summary;
    }

    /** The settings as label/value rows; empty on a first run. */
    public List<ConfigurationSummary.Row> rows() {
        return state.current().map(summary::rows).orElse(List.of());
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
