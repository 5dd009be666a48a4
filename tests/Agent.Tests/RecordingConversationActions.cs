using Outreach.Agent.Conversations;

namespace Outreach.Agent.Tests;

/// <summary>The bound actions as the tests see them: every call the agent made, in order.</summary>
internal sealed class RecordingConversationActions : IConversationActions
{
    private int tickets;

    public List<string> Calls { get; } = [];

    public List<(ResidentOutcome Outcome, string? Option, string? FreeText)> Responses { get; } = [];

    public Task RecordResponseAsync(ResidentOutcome outcome, string? chosenOption, string? freeText, CancellationToken cancellationToken)
    {
        Calls.Add($"record:{outcome}");
        Responses.Add((outcome, chosenOption, freeText));
        return Task.CompletedTask;
    }

    /// <summary>Slots and their free places; options not listed are not slots.</summary>
    public Dictionary<string, int> Slots { get; } = [];

    public Task<SlotBookingResult> BookSlotAsync(string slot, CancellationToken cancellationToken)
    {
        if (!Slots.TryGetValue(slot, out var free))
        {
            return Task.FromResult(new SlotBookingResult(SlotBookingStatus.NotASlot, slot));
        }

        Calls.Add($"book:{slot}");
        if (free == 0)
        {
            return Task.FromResult(new SlotBookingResult(SlotBookingStatus.Full, slot, Slots.FirstOrDefault(s => s.Value > 0).Key));
        }

        Slots[slot] = free - 1;
        Responses.Add((ResidentOutcome.OptionChosen, slot, null));
        return Task.FromResult(new SlotBookingResult(SlotBookingStatus.Booked, slot));
    }

    public Task<string> AskStaffAsync(string question, CancellationToken cancellationToken) => Ticket("ask-staff");

    public Task<string> RequestCallbackAsync(string reason, CancellationToken cancellationToken) => Ticket("callback");

    public Task<string> ReportProblemAsync(string description, CancellationToken cancellationToken) => Ticket("problem");

    public Task OptOutAsync(CancellationToken cancellationToken)
    {
        Calls.Add("opt-out");
        return Task.CompletedTask;
    }

    public Task OptInAsync(CancellationToken cancellationToken)
    {
        Calls.Add("opt-in");
        return Task.CompletedTask;
    }

    private Task<string> Ticket(string kind)
    {
        Calls.Add(kind);
        return Task.FromResult($"inbox-{++tickets}");
    }
}
