package dev.rivet.ld.ui.views;

import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.elf.MemoryUsage;
import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.outline.SizeText;
import dev.rivet.ld.ui.BuiltElfs;
import dev.rivet.ld.ui.LinkerScriptContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;

/**
 * Memory usage of a built kernel, like vendor IDEs' build analyzers: for each MEMORY region of the
 * active linker script (or each load segment), the sections in it with address, size and percent
 * used, and the largest symbols. Follows the active linker-script editor; the ELF is found next to
 * the script's Cargo {@code target} folder.
 */
public class MemoryUsageView extends ViewPart {

    /** The view's id in plugin.xml. */
    public static final String ID = "dev.rivet.ld.ui.views.memoryUsage";
    private static final int LARGEST = 15;

    private Label source;
    private TreeViewer areas;
    private TableViewer symbols;
    private final IPartListener2 editorListener = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) instanceof IEditorPart editor) {
                showEditor(editor);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        source = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(source);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        areas = new TreeViewer(sash, SWT.FULL_SELECTION | SWT.BORDER);
        areas.getTree().setHeaderVisible(true);
        areas.getTree().setLinesVisible(true);
        column(areas, "Region / section", 220, e -> e instanceof MemoryUsage.Area a ? a.name()
                : ((MemoryUsage.Placement) e).section() + (((MemoryUsage.Placement) e).loadImage() ? " (load image)" : ""));
        column(areas, "Address", 130, e -> e instanceof MemoryUsage.Area a ? String.format("0x%08x", a.origin())
                : String.format("0x%08x", ((MemoryUsage.Placement) e).address()));
        column(areas, "Size", 110, e -> e instanceof MemoryUsage.Area a ? SizeText.of(a.length())
                : SizeText.of(((MemoryUsage.Placement) e).size()));
        column(areas, "Used", 170, e -> e instanceof MemoryUsage.Area a
                ? String.format("%s (%.1f%%)%s", SizeText.of(a.used()), a.percentUsed(), a.overflows() ? " OVERFLOW" : "")
                : "");
        areas.setContentProvider(new AreaContentProvider());

        symbols = new TableViewer(sash, SWT.FULL_SELECTION | SWT.BORDER);
        symbols.getTable().setHeaderVisible(true);
        symbols.getTable().setLinesVisible(true);
        symbolColumn("Largest symbols", 220, s -> s.name());
        symbolColumn("Address", 130, s -> String.format("0x%08x", s.value()));
        symbolColumn("Size", 100, s -> SizeText.of(s.size()));
        symbols.setContentProvider(ArrayContentProvider.getInstance());
        sash.setWeights(60, 40);

        getSite().getPage().addPartListener(editorListener);
        IEditorPart active = getSite().getPage().getActiveEditor();
        if (active != null) {
            showEditor(active);
        } else {
            source.setText("Open a linker script (*.ld) to see the memory usage of the kernel built with it.");
        }
    }

    private void showEditor(IEditorPart editor) {
        if (!LinkerScriptContentType.matches(editor.getEditorInput())) {
            return;
        }
        IFile file = editor.getEditorInput().getAdapter(IFile.class);
        Path path = file != null && file.getLocation() != null ? file.getLocation().toPath()
                : Optional.ofNullable(editor.getEditorInput().getAdapter(java.net.URI.class)).map(Path::of).orElse(null);
        if (path != null) {
            show(path);
        }
    }

    /** Shows the memory usage of the kernel built with the script at {@code script}. */
    public void show(Path script) {
        Optional<BuiltElfs.Built> built = BuiltElfs.forScript(script.toString());
        if (built.isEmpty()) {
            source.setText(script.getFileName() + ": no built kernel ELF found (looked for target/<triple>/debug|release/"
                    + " near the script). Build the kernel first.");
            areas.setInput(List.of());
            symbols.setInput(List.of());
            return;
        }
        ParsedScript parsed;
        try {
            parsed = ParsedScript.parse(script.toString(), Files.readString(script));
        } catch (IOException e) {
            source.setText("Cannot read " + script + ": " + e.getMessage());
            return;
        }
        ElfSections elf = built.get().elf();
        source.setText(script.getFileName() + " \u2192 " + built.get().path());
        source.getParent().layout();
        areas.setInput(MemoryUsage.of(parsed.script(), elf));
        areas.expandAll();
        symbols.setInput(MemoryUsage.largestSymbols(elf, LARGEST));
    }

    /** The tree of areas and placements (for tests). */
    public TreeViewer areasViewer() {
        return areas;
    }

    /** The table of largest symbols (for tests). */
    public TableViewer symbolsViewer() {
        return symbols;
    }

    @Override
    public void setFocus() {
        areas.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(editorListener);
        super.dispose();
    }

    private static void column(TreeViewer viewer, String title, int width, java.util.function.Function<Object, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
    }

    private void symbolColumn(String title, int width, java.util.function.Function<ElfSections.Symbol, String> text) {
        TableViewerColumn c = new TableViewerColumn(symbols, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ElfSections.Symbol) element);
            }
        });
    }

    private static final class AreaContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof List<?> l ? l.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof MemoryUsage.Area a ? a.placements().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof MemoryUsage.Area a && !a.placements().isEmpty();
        }
    }
}
