using Microsoft.SemanticKernel;
using Outreach.Agent.Interpretation;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Prompts;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Conversations;

/// <summary>
/// The offline agent: the rule-based interpreter, answers from the notice's key facts and the knowledge base, and the
/// bound actions. A question nothing published answers goes to staff; it never guesses.
/// </summary>
public sealed class OfflineResponder(ReplyInterpreter interpreter, PromptLibrary prompts, KnowledgeBase knowledge)
{
    /// <summary>Unclear call turns in a row after which the agent says goodbye instead of asking again.</summary>
    private const int UnclearCallTurnsBeforeGoodbye = 2;

    /// <summary>A message this long that reads as nothing else is treated as a question or statement for staff.</summary>
    private const int StatementLength = 8;

    public async Task<AgentReply> RespondAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var request = turn.Request;
        var notice = request.Notice;
        var actions = request.Actions;
        var voice = request.Channel == ContactChannel.Voice;
        var reading = interpreter.Interpret(request.Text, request.Digits, notice?.ResponseKind == ResponseKind.Option ? notice.Options : null, turn.Resident.TimeZone);
        var language = reading.Language ?? turn.Language;
        var said = string.IsNullOrWhiteSpace(request.Text) ? request.Digits ?? string.Empty : request.Text.Trim();
        var arguments = Arguments(turn);

        Task<string> Say(CannedText text, KernelArguments? extra = null) => prompts.RenderAsync(text, language, Merge(arguments, extra), cancellationToken);
        AgentReply Reply(ResidentOutcome outcome, string? reply, string done, ConversationNext next = ConversationNext.Continue, string? option = null)
            => new(outcome, reply, $"{outcome}: “{Shorten(said)}”\n{done}", next, language, option);

        switch (reading.Intent)
        {
            case ResidentIntent.OptOut:
                await actions.OptOutAsync(cancellationToken);
                return Reply(ResidentOutcome.OptedOut, await Say(CannedText.OptedOut), "Opted out of notices.", ConversationNext.End);
            case ResidentIntent.OptIn:
                await actions.OptInAsync(cancellationToken);
                return Reply(ResidentOutcome.OptedIn, await Say(CannedText.OptedIn), "Opted back in.", ConversationNext.End);
            case ResidentIntent.Help:
                return Reply(ResidentOutcome.HelpRequested, await Say(CannedText.Help), "Sent the help text with the office phone.");
            case ResidentIntent.AskPerson:
                var callback = await actions.RequestCallbackAsync(said, cancellationToken);
                return voice
                    ? Reply(ResidentOutcome.NeedsPerson, await Say(CannedText.Handoff), $"Handed to a person ({callback}).", ConversationNext.HandOffToPerson)
                    : Reply(ResidentOutcome.NeedsPerson, await Say(CannedText.CallbackRequested), $"Callback requested ({callback}).");
            case ResidentIntent.ReportProblem:
                var ticket = await actions.ReportProblemAsync(said, cancellationToken);
                return Reply(ResidentOutcome.ProblemReported, await Say(CannedText.ProblemReported), $"Problem reported ({ticket}).");
        }

        var response = ResponseTo(reading, notice, said);
        string? answer = null;
        var answerNote = string.Empty;
        if (reading.Intent == ResidentIntent.Question || reading.HasQuestion || (response is null && said.Length >= StatementLength && notice?.ResponseKind != ResponseKind.FreeAnswer))
        {
            (answer, answerNote) = await AnswerAsync(turn, said, language, arguments, cancellationToken);
            if (response is null)
            {
                return Reply(ResidentOutcome.Question, answer, answerNote);
            }
        }

        if (response is { Outcome: ResidentOutcome.OptionChosen, Option: { } chosen } && await actions.ChooseAsync(chosen, cancellationToken) is { Status: SlotBookingStatus.Full } full)
        {
            if (full.NextFree is null)
            {
                // "Staff will contact you" must be true: the callback goes on their desk.
                var callback = await actions.RequestCallbackAsync($"Every appointment slot is full; the resident asked for {chosen}.", cancellationToken);
                return Reply(ResidentOutcome.NeedsPerson, Join(language, await Say(CannedText.SlotsAllFull, new KernelArguments { ["option"] = chosen }), answer), $"Every slot is full; callback requested ({callback}).");
            }

            var offer = await Say(CannedText.SlotFull, new KernelArguments { ["option"] = chosen, ["next"] = full.NextFree });
            return Reply(ResidentOutcome.None, Join(language, offer, answer), $"Slot {chosen} is full; offered {full.NextFree}.");
        }

        if (response is { } recorded)
        {
            if (recorded.Outcome != ResidentOutcome.OptionChosen)
            {
                await actions.RecordResponseAsync(recorded.Outcome, recorded.Option, recorded.FreeText, cancellationToken);
            }

            var thanks = recorded.Outcome switch
            {
                ResidentOutcome.Confirmed => await Say(CannedText.Confirmed),
                ResidentOutcome.Declined => await Say(CannedText.Declined),
                ResidentOutcome.OptionChosen => await Say(CannedText.OptionChosen, new KernelArguments { ["option"] = recorded.Option }),
                ResidentOutcome.FreeAnswer => await Say(CannedText.FreeAnswer),
                _ => await Say(CannedText.Acknowledged),
            };
            var closing = voice && answer is null ? await Say(CannedText.CallGoodbye) : null;
            var text = Join(language, thanks, answer, closing);
            var done = $"Recorded {recorded.Outcome}{(recorded.Option is null ? string.Empty : $" ({recorded.Option})")}{(reading.When is null ? string.Empty : $"; time named: {reading.When}")}.{(answerNote.Length > 0 ? " " + answerNote : string.Empty)}";
            return Reply(recorded.Outcome, text, done, voice && answer is null ? ConversationNext.End : ConversationNext.Continue, recorded.Option);
        }

        // Nothing understood: ask again, and on a call stop after a few tries rather than loop.
        if (voice && UnclearInARow(turn.History) >= UnclearCallTurnsBeforeGoodbye)
        {
            return Reply(ResidentOutcome.Unclear, await Say(CannedText.CallGoodbye), "Not understood; call ended.", ConversationNext.End);
        }

        var hint = await prompts.AnswerHintAsync(notice, request.Channel, language, cancellationToken);
        return Reply(ResidentOutcome.Unclear, await Say(voice ? CannedText.UnclearVoice : CannedText.UnclearSms, new KernelArguments { ["hint"] = hint }), "Not understood; asked again.");
    }

    /// <summary>What to record for the notice, or null when the turn records nothing.</summary>
    private static RecordedResponse? ResponseTo(Interpretation.Interpretation reading, NoticeContext? notice, string said)
    {
        if (notice is null)
        {
            return null;
        }

        return (reading.Intent, notice.ResponseKind) switch
        {
            (ResidentIntent.Option, _) when reading.Option is not null => new(ResidentOutcome.OptionChosen, reading.Option, null),
            (ResidentIntent.Confirm or ResidentIntent.Acknowledge, ResponseKind.ConfirmDecline) => new(ResidentOutcome.Confirmed, null, null),
            (ResidentIntent.Decline, ResponseKind.ConfirmDecline or ResponseKind.Option) => new(ResidentOutcome.Declined, null, null),
            (ResidentIntent.Confirm or ResidentIntent.Acknowledge, ResponseKind.None) => new(ResidentOutcome.Acknowledged, null, null),
            (ResidentIntent.Unclear or ResidentIntent.Confirm or ResidentIntent.Decline, ResponseKind.FreeAnswer) when said.Length > 0 => new(ResidentOutcome.FreeAnswer, null, said),
            _ => null,
        };
    }

    private async Task<(string Answer, string Note)> AnswerAsync(TurnContext turn, string question, string language, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var facts = NoticeFactFinder.Answering(question, turn.Request.Notice);
        if (facts.Count > 0)
        {
            var list = await prompts.FactListAsync(facts, language, cancellationToken);
            return (await prompts.RenderAsync(CannedText.NoticeFacts, language, new KernelArguments { ["facts"] = list }, cancellationToken), "Answered from the notice's key facts.");
        }

        var hit = await knowledge.SearchAsync(turn.Resident.StreetId, turn.Resident.CommunityId, question, cancellationToken);
        if (hit is not null)
        {
            var quoted = await prompts.RenderAsync(CannedText.KnowledgeAnswer, language, new KernelArguments { ["passage"] = hit.Passage.Text, ["title"] = hit.Passage.Title }, cancellationToken);
            return (quoted, $"Answered from “{hit.Passage.Title}”.");
        }

        var item = await turn.Request.Actions.AskStaffAsync(question, cancellationToken);
        return (await prompts.RenderAsync(CannedText.StaffWillReply, language, arguments, cancellationToken), $"No published answer; asked staff ({item}).");
    }

    internal static KernelArguments Arguments(TurnContext turn) => new()
    {
        ["honorific"] = turn.Resident.Honorific,
        ["street"] = turn.Resident.StreetName ?? string.Empty,
        ["community"] = turn.Resident.CommunityName ?? string.Empty,
        ["office_phone"] = turn.Resident.OfficePhone ?? string.Empty,
    };

    private static KernelArguments Merge(KernelArguments baseline, KernelArguments? extra)
    {
        if (extra is null)
        {
            return baseline;
        }

        var merged = new KernelArguments(baseline);
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static int UnclearInARow(IReadOnlyList<ConversationTurn> history)
    {
        var count = 0;
        for (var i = history.Count - 1; i >= 0 && history[i].Outcome == ResidentOutcome.Unclear; i--)
        {
            count += history[i].Speaker == Speaker.Resident ? 1 : 0;
        }

        return count;
    }

    private static string Join(string language, params string?[] parts)
        => string.Join(language == "en" ? " " : string.Empty, parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private sealed record RecordedResponse(ResidentOutcome Outcome, string? Option, string? FreeText);
}
