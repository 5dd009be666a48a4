namespace Outreach.Agent.Conversations;

/// <summary>
/// What the agent may do for the resident bound to the conversation. The server creates one instance per
/// conversation, already bound to that resident and campaign; methods take no resident id on purpose.
/// </summary>
public interface IConversationActions
{
    /// <summary>Records the resident's answer to the notice (confirmed, declined, option, free answer).</summary>
    Task RecordResponseAsync(ResidentOutcome outcome, string? chosenOption, string? freeText, CancellationToken cancellationToken);

    /// <summary>
    /// Books the notice's appointment slot with this label for the resident, or moves their booking to it; capacity is
    /// enforced by the database, so concurrent bookings never overfill a slot. The chosen option is recorded with it.
    /// </summary>
    Task<SlotBookingResult> BookSlotAsync(string slot, CancellationToken cancellationToken);

    /// <summary>Puts a question the agent could not answer on the community staff's desk.</summary>
    Task<string> AskStaffAsync(string question, CancellationToken cancellationToken);

    /// <summary>The resident wants a person to call back.</summary>
    Task<string> RequestCallbackAsync(string reason, CancellationToken cancellationToken);

    /// <summary>The resident reports a problem (broken streetlight, leak…): a work item for staff.</summary>
    Task<string> ReportProblemAsync(string description, CancellationToken cancellationToken);

    Task OptOutAsync(CancellationToken cancellationToken);

    Task OptInAsync(CancellationToken cancellationToken);
}
