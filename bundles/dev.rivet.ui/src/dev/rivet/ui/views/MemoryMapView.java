package dev.rivet.ui.views;

import dev.rivet.core.memorymap.MemoryMapModel;
import dev.rivet.core.memorymap.MemoryMapRow;
import dev.rivet.emulator.machine.VirtMemoryMap;
import java.util.function.Function;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TableColumn;
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
        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        Font mono = JFaceResources.getTextFont();
        addColumn("Name", SWT.LEFT, null, MemoryMapRow::name);
        addColumn("Start", SWT.LEFT, mono, MemoryMapRow::start);
        addColumn("End", SWT.LEFT, mono, MemoryMapRow::end);
        addColumn("Size", SWT.RIGHT, null, MemoryMapRow::size);
        addColumn("IRQ", SWT.RIGHT, null, MemoryMapRow::irq);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(MemoryMapModel.rows(VirtMemoryMap.qemuVirt()));
        for (TableColumn column : viewer.getTable().getColumns()) {
            column.pack();
        }
        getSite().setSelectionProvider(viewer);
    }

    private void addColumn(String title, int align, Font font, Function<MemoryMapRow, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, align);
        column.getColumn().setText(title);
        column.getColumn().setResizable(true);
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
