package dev.rivet.ui.views;

import dev.rivet.core.memorymap.MemoryMapModel;
import dev.rivet.core.memorymap.MemoryMapRow;
import dev.rivet.emulator.machine.VirtMemoryMap;
import java.util.function.Function;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.ui.part.ViewPart;

/**
 * Shows the physical memory map of the {@code virt} machine: each region's name, start and end
 * address, size and PLIC interrupt line, in address order.
 */
public class MemoryMapView extends ViewPart {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "dev.rivet.ui.views.memoryMap";

    private TableViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        Composite container = new Composite(parent, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        container.setLayout(columns);
        viewer = new TableViewer(container, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        Font mono = JFaceResources.getTextFont();
        addColumn(columns, "Name", 3, SWT.LEFT, null, MemoryMapRow::name);
        addColumn(columns, "Start", 4, SWT.LEFT, mono, MemoryMapRow::start);
        addColumn(columns, "End", 4, SWT.LEFT, mono, MemoryMapRow::end);
        addColumn(columns, "Size", 2, SWT.RIGHT, null, MemoryMapRow::size);
        addColumn(columns, "IRQ", 1, SWT.RIGHT, null, MemoryMapRow::irq);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(MemoryMapModel.rows(VirtMemoryMap.qemuVirt()));
        getSite().setSelectionProvider(viewer);
    }

    private void addColumn(TableColumnLayout layout, String title, int weight, int align, Font font,
            Function<MemoryMapRow, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, align);
        column.getColumn().setText(title);
        column.getColumn().setResizable(true);
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, 60, true));
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((MemoryMapRow) element);
            }

            @Override
            public Font getFont(Object element) {
                return font;
            }
        });
    }

    /** The table viewer showing the rows; exposed for tests. */
    public TableViewer getViewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
