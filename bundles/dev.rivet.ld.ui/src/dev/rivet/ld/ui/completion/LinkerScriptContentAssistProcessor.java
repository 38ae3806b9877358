package dev.rivet.ld.ui.completion;

import dev.rivet.ld.ide.completion.Completions;
import dev.rivet.ld.ide.completion.Proposal;
import dev.rivet.ld.ui.DocumentParses;
import java.util.List;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;

/** Content assist in linker scripts: keywords, region names, section names and symbols ({@link Completions}). */
public class LinkerScriptContentAssistProcessor implements IContentAssistProcessor {

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        List<Proposal> proposals = Completions.at(DocumentParses.of(viewer.getDocument()), offset);
        return proposals.stream().map(p -> new CompletionProposal(p.text(), offset - p.prefixLength(),
                p.prefixLength(), p.text().length(), null, p.text() + "  \u2014 " + p.description(), null, null))
                .toArray(ICompletionProposal[]::new);
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] {'>', '('};
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
