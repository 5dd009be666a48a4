using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using Outreach.Agent.Conversations;
using Outreach.Agent.Knowledge;

namespace Outreach.Agent.Providers;

/// <summary>
/// The model's tools for one turn. Built per turn around the server-bound actions and the bound resident's own profile:
/// no function takes a resident id, name or phone, so nothing the model says can reach another resident.
/// </summary>
public sealed class ResidentConversationPlugin(TurnContext turn, KnowledgeBase knowledge)
{
    private static readonly Dictionary<string, ResidentOutcome> Responses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["confirmed"] = ResidentOutcome.Confirmed,
        ["declined"] = ResidentOutcome.Declined,
        ["option"] = ResidentOutcome.OptionChosen,
        ["free_answer"] = ResidentOutcome.FreeAnswer,
        ["acknowledged"] = ResidentOutcome.Acknowledged,
    };

    private readonly List<string> grounding = [];

    /// <summary>The last thing this turn did, for the reply's outcome.</summary>
    public ResidentOutcome? Outcome { get; private set; }

    public string? Option { get; private set; }

    public string? Reference { get; private set; }

    /// <summary>Text the tools returned this turn: what a reply may legitimately quote (numbers, dates).</summary>
    public IReadOnlyList<string> Grounding => grounding;

    [KernelFunction("get_notice"), Description("The notice this conversation is about: title, body, key facts, the answer it wants and its options.")]
    public string GetNotice()
    {
        var notice = turn.Request.Notice;
        if (notice is null)
        {
            return "No notice: the resident wrote on their own.";
        }

        var text = new StringBuilder()
            .Append("Title: ").AppendLine(notice.Title)
            .Append("Body: ").AppendLine(notice.Body)
            .Append("Key facts: ").AppendLine(string.Join("; ", notice.KeyFacts.Select(f => $"{f.Name}: {f.Value}")))
            .Append("Answer wanted: ").AppendLine(notice.ResponseKind.ToString())
            .Append("Options: ").AppendLine(string.Join(" | ", notice.Options))
            .ToString();
        grounding.Add(text);
        return text;
    }

    [KernelFunction("get_my_record"), Description("The calling resident's own record as the office holds it: how to address them, community, building, unit. Never anyone else's.")]
    public string GetMyRecord()
    {
        var r = turn.Resident;
        var text = string.Create(CultureInfo.InvariantCulture, $"Address as: {r.Honorific}; community: {r.CommunityName}; building: {r.Building}; unit: {r.Unit}; office phone: {r.OfficePhone}");
        grounding.Add(text);
        return text;
    }

    [KernelFunction("search_knowledge"), Description("Searches what the street and community have published (opening hours, documents to bring, how to report problems). Returns a passage to quote, or NO_ANSWER.")]
    public async Task<string> SearchKnowledgeAsync([Description("The resident's question")] string question, CancellationToken cancellationToken)
    {
        var hit = await knowledge.SearchAsync(turn.Resident.StreetId, turn.Resident.CommunityId, question, cancellationToken);
        if (hit is null)
        {
            return "NO_ANSWER: nothing published answers this; call ask_staff.";
        }

        grounding.Add(hit.Passage.Text);
        return $"From \"{hit.Passage.Title}\": {hit.Passage.Text}";
    }

    [KernelFunction("record_response"), Description("Records the calling resident's answer to the notice.")]
    public async Task<string> RecordResponseAsync(
        [Description("confirmed, declined, option, free_answer or acknowledged")] string response,
        [Description("For option: the option's exact text (for appointment slots this books it, or moves an earlier booking)")] string? option = null,
        [Description("For free_answer: the resident's answer")] string? answer = null,
        CancellationToken cancellationToken = default)
    {
        if (!Responses.TryGetValue(response, out var outcome))
        {
            return "Unknown response; use confirmed, declined, option, free_answer or acknowledged.";
        }

        var notice = turn.Request.Notice;
        if (notice is null)
        {
            return "There is no notice to answer in this conversation.";
        }

        if (outcome != ResidentOutcome.OptionChosen)
        {
            await turn.Request.Actions.RecordResponseAsync(outcome, null, outcome == ResidentOutcome.FreeAnswer ? answer : null, cancellationToken);
            Outcome = outcome;
            return "Recorded.";
        }

        option = notice.Options.FirstOrDefault(o => string.Equals(o.Trim(), option?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (option is null)
        {
            return "That is not one of the notice's options: " + string.Join(" | ", notice.Options);
        }

        var booking = await turn.Request.Actions.ChooseAsync(option, cancellationToken);
        if (booking.Status == SlotBookingStatus.Full)
        {
            return booking.NextFree is null
                ? $"FULL: {option} has no places left and every other slot is full too; offer a staff callback."
                : $"FULL: {option} has no places left. The next slot with a place is {booking.NextFree}; ask whether that suits and book it only if the resident agrees.";
        }

        Outcome = outcome;
        Option = option;
        return booking.Status switch
        {
            SlotBookingStatus.Moved => "Booked; the resident's earlier slot was released.",
            SlotBookingStatus.AlreadyBooked => "The resident already holds this slot.",
            _ => "Recorded.",
        };
    }

    [KernelFunction("ask_staff"), Description("Passes a question nothing published answers to the community staff, who will reply to the resident.")]
    public async Task<string> AskStaffAsync([Description("The question, in the resident's words")] string question, CancellationToken cancellationToken)
    {
        Reference = await turn.Request.Actions.AskStaffAsync(question, cancellationToken);
        Outcome ??= ResidentOutcome.Question;
        return "Passed to staff; tell the resident a staff member will reply.";
    }

    [KernelFunction("request_callback"), Description("The resident wants to speak with a person: asks the community staff to call them back.")]
    public async Task<string> RequestCallbackAsync([Description("Why, in a few words")] string reason, CancellationToken cancellationToken)
    {
        Reference = await turn.Request.Actions.RequestCallbackAsync(reason, cancellationToken);
        Outcome = ResidentOutcome.NeedsPerson;
        return "Callback requested.";
    }

    [KernelFunction("report_problem"), Description("Reports a problem the resident describes (broken streetlight, leak, blocked drain) to the community staff as a work item.")]
    public async Task<string> ReportProblemAsync([Description("What and where")] string description, CancellationToken cancellationToken)
    {
        Reference = await turn.Request.Actions.ReportProblemAsync(description, cancellationToken);
        Outcome = ResidentOutcome.ProblemReported;
        return "Reported; staff will tell the resident when it is fixed.";
    }

    [KernelFunction("opt_out"), Description("The calling resident asks not to be called or texted again.")]
    public async Task<string> OptOutAsync(CancellationToken cancellationToken)
    {
        await turn.Request.Actions.OptOutAsync(cancellationToken);
        Outcome = ResidentOutcome.OptedOut;
        return "Opted out.";
    }
}
