package dev.rivet.ld.ui.tests.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.completion.LinkerScriptContentAssistProcessor;
import dev.rivet.ld.ui.tests.EditorFixture;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.ISourceViewer;
import org.junit.jupiter.api.Test;

/** Content assist: region names after '>', keywords and symbols elsewhere. */
class CompletionTest {

    @Test
    void proposesRegionsAfterGreaterThanAndKeywordsAndSymbolsElsewhere() throws Exception {
        String text = EditorFixture.KERNEL_SCRIPT.replace("} > RAM", "} > R");
        try (EditorFixture f = EditorFixture.open("completion.ld", text)) {
            ISourceViewer viewer = f.viewer();
            LinkerScriptContentAssistProcessor processor = new LinkerScriptContentAssistProcessor();

            int afterR = f.offsetOf("} > R", 0) + "} > R".length();
            assertEquals(List.of("RAM"), names(processor.computeCompletionProposals(viewer, afterR)));
            int afterGt = f.offsetOf("} > KIMAGE", 0) + "} > ".length();
            assertEquals(List.of("KIMAGE", "RAM"), names(processor.computeCompletionProposals(viewer, afterGt)));

            int afterPro = f.offsetOf("PROVIDE(_heap", 0) + "PRO".length();
            List<String> keywords = names(processor.computeCompletionProposals(viewer, afterPro));
            assertTrue(keywords.containsAll(List.of("PROVIDE", "PROVIDE_HIDDEN")), keywords.toString());

            int afterUnderscore = f.offsetOf("_bss_end, 4K", 0) + "_b".length();
            assertEquals(List.of("_bss_start", "_bss_end"), names(processor.computeCompletionProposals(viewer, afterUnderscore)));

            // apply a proposal: the prefix is replaced
            ICompletionProposal ram = processor.computeCompletionProposals(viewer, afterR)[0];
            ram.apply(f.document());
            assertTrue(f.document().get().contains("} > RAM\n"), "applied");

            viewer.setSelectedRange(afterGt, 0);
            viewer.getTextOperationTarget().doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
            EditorFixture.flush();
            f.screenshot("completion");
        }
    }

    private static List<String> names(ICompletionProposal[] proposals) {
        return Arrays.stream(proposals).map(p -> p.getDisplayString().split(" ")[0]).toList();
    }
}
