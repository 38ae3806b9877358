package dev.rivet.ld.ui.hover;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.hover.HoverText;
import dev.rivet.ld.ide.navigation.ReferenceAt;
import dev.rivet.ld.model.ConstantEvaluator;
import dev.rivet.ld.ui.BuiltElfs;
import dev.rivet.ld.ui.DocumentParses;
import dev.rivet.ld.ui.machine.LaunchMachineProfiles;
import java.util.OptionalLong;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.xtext.nodemodel.ILeafNode;

/**
 * Hover in linker scripts: what a symbol, region, section or keyword is ({@link HoverText}), with
 * symbol values from the kernel ELF built with the script when there is one ({@link BuiltElfs}) and
 * regions placed on the machine of the file's project ({@link LaunchMachineProfiles}).
 */
public class LinkerScriptTextHover implements ITextHover {

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        ParsedScript parsed = DocumentParses.of(viewer.getDocument());
        ConstantEvaluator.SymbolValues values = BuiltElfs.forScript(parsed.location())
                .<ConstantEvaluator.SymbolValues>map(b -> b.elf()::valueOf)
                .orElse(symbol -> OptionalLong.empty());
        return HoverText.at(parsed, region.getOffset(), values,
                LaunchMachineProfiles.forFile(DocumentParses.file(viewer.getDocument()))).orElse(null);
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        ParsedScript parsed = DocumentParses.of(viewer.getDocument());
        return ReferenceAt.find(parsed, offset).map(r -> (IRegion) new Region(r.offset(), r.length()))
                .orElseGet(() -> {
                    ILeafNode leaf = parsed.leafAt(offset);
                    return leaf == null ? new Region(offset, 0) : new Region(leaf.getOffset(), leaf.getLength());
                });
    }
}
