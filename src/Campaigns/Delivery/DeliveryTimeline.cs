using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Storage;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;
using Outreach.Storage;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// Puts outbound campaign messages and calls, and the statuses that end them, on residents' timelines, many at a time
/// and inside the caller's transaction (the Residents module's timeline table, as its model maps it, on the caller's
/// connection): an entry exists exactly when the change it records was committed, so a replayed callback or a job
/// run twice, which change nothing, write nothing.
/// </summary>
public sealed class DeliveryTimeline(IOptions<DatabaseOptions> database)
{
    private IModel? residentsModel;

    /// <summary>Twilio accepted these messages or calls.</summary>
    public static TimelineEntry Sent(DeliveryAttempt attempt, string campaignTitle, string? body, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new TimelineEntry
        {
            ResidentId = attempt.ResidentId,
            At = at,
            Kind = attempt.Channel == ContactChannel.Sms ? TimelineKind.OutboundMessage : TimelineKind.OutboundCall,
            Channel = attempt.Channel.ToString().ToLowerInvariant(),
            CampaignId = attempt.CampaignId,
            Text = body ?? $"Called about \"{campaignTitle}\"",
            ExternalRef = Reference(attempt),
            Actor = "system",
        };
    }

    /// <summary>An attempt reached a final status: delivered, undelivered, failed, completed, busy, no-answer, canceled.</summary>
    public static TimelineEntry Ended(DeliveryAttempt attempt, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var status = StatusName(attempt.Status);
        var text = new System.Text.StringBuilder(attempt.Channel == ContactChannel.Sms ? "SMS " : "Call ").Append(status);
        if (attempt.ErrorCode is { } code)
        {
            text.Append(CultureInfo.InvariantCulture, $" (Twilio error {code})");
        }

        if (attempt.AnsweredBy is { } answeredBy && attempt.Channel == ContactChannel.Voice)
        {
            text.Append(CultureInfo.InvariantCulture, $", answered by {answeredBy}");
        }

        return new TimelineEntry
        {
            ResidentId = attempt.ResidentId,
            At = at,
            Kind = TimelineKind.DeliveryStatus,
            Channel = attempt.Channel.ToString().ToLowerInvariant(),
            CampaignId = attempt.CampaignId,
            Text = text.ToString(),
            ExternalRef = $"{Reference(attempt)}:{status}",
            Actor = "system",
        };
    }

    /// <summary>Adds the entries in <paramref name="db"/>'s current transaction.</summary>
    public async Task AppendAsync(CampaignsDbContext db, IReadOnlyCollection<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Timeline entries are written in the transaction of the change they record.");
        }

        // On the caller's connection and in its transaction, with the Residents module's mapping of the table (a context of
        // its own per call cost about 0.4 ms, inside the write transaction). A replayed change never gets here; the unique
        // (resident, kind, reference) index would skip one anyway.
        await db.InsertRowsAsync(ResidentsModel(), [.. entries], cancellationToken);
    }

    private IModel ResidentsModel()
    {
        if (residentsModel is null)
        {
            var builder = new DbContextOptionsBuilder<ResidentsDbContext>();
            OutreachDatabase.Configure(builder, database.Value, "residents");
            using var residents = new ResidentsDbContext(builder.Options);
            residentsModel = residents.Model;
        }

        return residentsModel;
    }

    /// <summary>Twilio's SID where there is one, so staff can look the message or call up in the Twilio console.</summary>
    private static string Reference(DeliveryAttempt attempt)
        => attempt.ProviderSid ?? $"attempt-{attempt.Id.ToString(CultureInfo.InvariantCulture)}";

    private static string StatusName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.NoAnswer => "no-answer",
        DeliveryStatus.InProgress => "in-progress",
        DeliveryStatus.NoReceipt => "no-receipt",
        _ => status.ToString().ToLowerInvariant(),
    };
}
