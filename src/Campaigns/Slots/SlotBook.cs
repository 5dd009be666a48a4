using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Targets;

namespace Outreach.Campaigns.Slots;

/// <summary>
/// Books and moves residents' places in a campaign's slots. Capacity is enforced in one statement
/// (<c>UPDATE … SET booked = booked + 1 WHERE id = @slot AND booked &lt; capacity</c>), the resident's earlier slot is
/// released and the target's answer recorded in the same transaction, and the unique (campaign, resident) booking makes
/// a repeated or concurrent booking by the same resident hold one place. Safe across server processes.
/// </summary>
public sealed class SlotBook(CampaignsDbContext db, TimeProvider time)
{
    /// <summary>A concurrent change to the same resident's booking rolls the transaction back; it is tried again this often.</summary>
    private const int Attempts = 5;

    public async Task<SlotBookingResult> BookAsync(int campaignId, int residentId, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await TryBookAsync(campaignId, residentId, label.Trim(), cancellationToken);
                if (result is null)
                {
                    // Another booking of this resident's changed underneath: start again from what is committed.
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }

                if (result.Holds)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                }

                return result;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // The same resident's concurrent first booking won the unique index; the next attempt sees it.
                await transaction.RollbackAsync(cancellationToken);
            }
        }
    }

    /// <summary>Null when the resident's booking changed concurrently (the caller retries).</summary>
    private async Task<SlotBookingResult?> TryBookAsync(int campaignId, int residentId, string label, CancellationToken cancellationToken)
    {
        var slot = await db.Slots.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.Label == label, cancellationToken);
        if (slot is null)
        {
            return new SlotBookingResult(SlotBookingStatus.NotASlot, label);
        }

        var held = await db.SlotBookings.AsNoTracking().FirstOrDefaultAsync(b => b.CampaignId == campaignId && b.ResidentId == residentId, cancellationToken);
        if (held?.SlotId == slot.Id)
        {
            return new SlotBookingResult(SlotBookingStatus.AlreadyBooked, label);
        }

        var taken = await db.Slots.Where(s => s.Id == slot.Id && s.Booked < s.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), cancellationToken);
        if (taken == 0)
        {
            var next = await db.Slots.AsNoTracking()
                .Where(s => s.CampaignId == campaignId && s.Id != slot.Id && s.Booked < s.Capacity && (held == null || s.Id != held.SlotId))
                .OrderBy(s => s.Ordinal).Select(s => s.Label).FirstOrDefaultAsync(cancellationToken);
            return new SlotBookingResult(SlotBookingStatus.Full, label, next);
        }

        var now = time.GetUtcNow();
        if (held is null)
        {
            db.SlotBookings.Add(new SlotBooking { CampaignId = campaignId, ResidentId = residentId, SlotId = slot.Id, BookedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            // Conditional on the slot we read: a concurrent move of the same booking makes this 0 and the caller retries.
            var moved = await db.SlotBookings.Where(b => b.Id == held.Id && b.SlotId == held.SlotId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.SlotId, slot.Id).SetProperty(b => b.BookedAt, now), cancellationToken);
            if (moved == 0)
            {
                return null;
            }

            await db.Slots.Where(s => s.Id == held.SlotId && s.Booked > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), cancellationToken);
        }

        await db.Targets.Where(t => t.CampaignId == campaignId && t.ResidentId == residentId && t.Outcome != TargetOutcome.OptedOut)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, TargetOutcome.OptionChosen).SetProperty(t => t.ChosenOption, label).SetProperty(t => t.OutcomeAt, now).SetProperty(t => t.DueAt, (DateTimeOffset?)null), cancellationToken);
        return new SlotBookingResult(held is null ? SlotBookingStatus.Booked : SlotBookingStatus.Moved, label);
    }
}
