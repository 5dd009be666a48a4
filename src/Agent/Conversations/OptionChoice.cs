namespace Outreach.Agent.Conversations;

/// <summary>The one way the agent (model tools and offline rules alike) records a chosen option: a slot is booked, anything else recorded.</summary>
public static class OptionChoice
{
    public static async Task<SlotBookingResult> ChooseAsync(this IConversationActions actions, string option, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var booking = await actions.BookSlotAsync(option, cancellationToken);
        if (booking.Status == SlotBookingStatus.NotASlot)
        {
            await actions.RecordResponseAsync(ResidentOutcome.OptionChosen, option, null, cancellationToken);
        }

        return booking;
    }
}
