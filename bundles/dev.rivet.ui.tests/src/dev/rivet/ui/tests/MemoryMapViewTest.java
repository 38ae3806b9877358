package dev.rivet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ui.perspectives.RivetPerspective;
import dev.rivet.ui.views.MemoryMapView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opens the Rivet perspective and its Memory Map view in a real workbench and reads the table. */
class MemoryMapViewTest {

    private IWorkbenchPage page;

    @BeforeEach
    void openRivetPerspective() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "a workbench window is open");
        page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(RivetPerspective.ID));
        // Xvfb has no window manager to maximize a shell: give it the whole screen ourselves.
        window.getShell().setBounds(window.getShell().getDisplay().getPrimaryMonitor().getClientArea());
        Screenshots.flush(window.getShell().getDisplay());
    }

    @Test
    void perspectiveShowsMemoryMapWithQemuVirtRegions() throws Exception {
        assertEquals(RivetPerspective.ID, page.getPerspective().getId());
        IViewPart part = page.findView(MemoryMapView.ID);
        assertNotNull(part, "the Rivet perspective opens the Memory Map view");
        Table table = ((MemoryMapView) part).getViewer().getTable();

        List<String> headers = new ArrayList<>();
        for (TableColumn c : table.getColumns()) {
            headers.add(c.getText());
        }
        assertEquals(List.of("Name", "Start", "End", "Size", "IRQ"), headers);

        assertEquals(15, table.getItemCount(), "MROM, test, RTC, CLINT, PLIC, UART0, 8 virtio, DRAM");
        assertRow(table, "UART0", "0x10000000", "0x100000ff", "256 B", "10");
        assertRow(table, "RTC", "0x00101000", "0x00101fff", "4 KiB", "11");
        assertRow(table, "CLINT", "0x02000000", "0x0200ffff", "64 KiB", "");
        assertRow(table, "PLIC", "0x0c000000", "0x0c5fffff", "6 MiB", "");
        assertRow(table, "virtio-mmio 0", "0x10001000", "0x10001fff", "4 KiB", "1");
        assertRow(table, "virtio-mmio 7", "0x10008000", "0x10008fff", "4 KiB", "8");
        assertRow(table, "DRAM", "0x80000000", "0x87ffffff", "128 MiB", "");
        assertEquals("MROM", table.getItem(0).getText(0), "rows are in address order");

        page.activate(part);
        Path shot = Screenshots.capture(page.getWorkbenchWindow().getShell(), "memory-map-view");
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + " has content");
    }

    private static void assertRow(Table table, String name, String start, String end, String size, String irq) {
        for (TableItem item : table.getItems()) {
            if (item.getText(0).equals(name)) {
                assertEquals(List.of(name, start, end, size, irq),
                        List.of(item.getText(0), item.getText(1), item.getText(2), item.getText(3), item.getText(4)));
                return;
            }
        }
        throw new AssertionError("no row named " + name);
    }
}
