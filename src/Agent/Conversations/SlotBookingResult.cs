namespace Outreach.Agent.Conversations;

/// <summary>What came of booking an appointment slot for the bound resident.</summary>
/// <param name="Slot">The slot asked for.</param>
/// <param name="NextFree">When the slot is full: the first slot that still has a place, or null when all are full.</param>
public sealed record SlotBookingResult(SlotBookingStatus Status, string Slot, string? NextFree = null)
{
    /// <summary>The resident holds a place in the slot now.</summary>
    public bool Holds => Status is SlotBookingStatus.Booked or SlotBookingStatus.Moved or SlotBookingStatus.AlreadyBooked;
}

public enum SlotBookingStatus
{
    /// <summary>The option is not an appointment slot (the notice offers no slots): record it as a plain option.</summary>
    NotASlot,
    Booked,
    /// <summary>Booked, and the resident's earlier slot was released in the same transaction.</summary>
    Moved,
    /// <summary>The resident already held this slot; nothing changed.</summary>
    AlreadyBooked,
    Full,
}
