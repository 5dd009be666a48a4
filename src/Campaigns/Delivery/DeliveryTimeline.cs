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
/// run twice, which change nothing, write nothing. A message or call Twilio took is one entry, its final status that
/// entry's outcome, whichever of the two is written down first; only an attempt Twilio never took gets an entry of its
/// own for its status.
/// </summary>
public sealed class DeliveryTimeline(IOptions<DatabaseOptions> database)
{
    private const int OutcomeLength = 32;

    private static readonly string[] OutcomeColumn = [nameof(TimelineEntry.Outcome)];

    private static readonly string[] SentColumns = [nameof(TimelineEntry.Text), nameof(TimelineEntry.At)];

    /// <summary>An outbound entry is found by the unique index that also keeps it from being written twice.</summary>
    private static readonly string[] SentEntryKey = [nameof(TimelineEntry.ResidentId), nameof(TimelineEntry.Kind), nameof(TimelineEntry.ExternalRef)];

    private IModel? residentsModel;

    /// <summary>Twilio accepted these messages or calls.</summary>
    public static TimelineEntry Sent(DeliveryAttempt attempt, string campaignTitle, string? body, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new TimelineEntry
        {
            ResidentId = attempt.ResidentId,
            At = at,
            Kind = SentKind(attempt),
            Channel = attempt.Channel.ToString().ToLowerInvariant(),
            CampaignId = attempt.CampaignId,
            Text = body ?? $"Called about \"{campaignTitle}\"",
            ExternalRef = Reference(attempt),
            Actor = "system",
        };
    }

    /// <summary>
    /// In the caller's transaction, the entries of messages and calls Twilio took (<see cref="Sent"/>). Those in
    /// <paramref name="endedFirst"/>, whose status moved on before their send was written down, may have their entry
    /// already, with the final status as its outcome and its text: it gets the message's text and the send's time.
    /// </summary>
    public async Task SentAsync(CampaignsDbContext db, IReadOnlyList<TimelineEntry> entries, IReadOnlyList<TimelineEntry> endedFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endedFirst);
        await AppendAsync(db, entries, cancellationToken);
        if (endedFirst.Count > 0)
        {
            await db.UpdateRowsMatchingAsync(ResidentsModel(), endedFirst, SentColumns, SentEntryKey, cancellationToken);
        }
    }

    /// <summary>
    /// Attempts reached a final status (delivered, undelivered, failed, completed, busy, no-answer, canceled): it becomes
    /// the outcome of the entry the send put on the timeline. An attempt Twilio took whose send is not written down yet
    /// gets that entry now, with the status for text until <see cref="SentAsync"/> gives it the message's (or, if this
    /// process stops before then, for good); one Twilio never took gets an entry of its own for the status.
    /// </summary>
    public async Task EndAsync(CampaignsDbContext db, IReadOnlyList<DeliveryAttempt> ended, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ended);
        RequireTransaction(db);
        var outcomes = new Dictionary<TimelineEntry, DeliveryAttempt>(ended.Count, ReferenceEqualityComparer.Instance);
        foreach (var attempt in ended.Where(a => a.ProviderSid is not null))
        {
            outcomes[new TimelineEntry
            {
                ResidentId = attempt.ResidentId,
                Kind = SentKind(attempt),
                ExternalRef = attempt.ProviderSid,
                Outcome = OutcomeOf(attempt),
                Text = string.Empty,
            }] = attempt;
        }

        var noted = (await db.UpdateRowsMatchingAsync(ResidentsModel(), [.. outcomes.Keys], OutcomeColumn, SentEntryKey, cancellationToken))
            .Select(e => outcomes[e]).ToHashSet(ReferenceEqualityComparer.Instance);
        await AppendAsync(db, [.. ended.Where(a => !noted.Contains(a)).Select(a => Ended(a, at))], cancellationToken);
    }

    /// <summary>
    /// A final status as the outcome of its message's or call's entry: Twilio's word, with Twilio's error code or, for a
    /// call, who answered, when that fits the column.
    /// </summary>
    private static string OutcomeOf(DeliveryAttempt attempt)
    {
        var status = StatusName(attempt.Status);
        var detail = attempt.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? (attempt.Channel == ContactChannel.Voice ? attempt.AnsweredBy : null);
        var outcome = detail is null ? status : $"{status} ({detail})";
        return outcome.Length <= OutcomeLength ? outcome : status;
    }

    /// <summary>
    /// A final status for an attempt whose send has no entry: the message's or call's own entry, with the outcome, when
    /// Twilio took it (it has a SID); an entry of its own otherwise.
    /// </summary>
    private static TimelineEntry Ended(DeliveryAttempt attempt, DateTimeOffset at)
    {
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

        var took = attempt.ProviderSid is not null;
        return new TimelineEntry
        {
            ResidentId = attempt.ResidentId,
            At = at,
            Kind = took ? SentKind(attempt) : TimelineKind.DeliveryStatus,
            Channel = attempt.Channel.ToString().ToLowerInvariant(),
            CampaignId = attempt.CampaignId,
            Text = text.ToString(),
            Outcome = took ? OutcomeOf(attempt) : null,
            ExternalRef = took ? Reference(attempt) : $"{Reference(attempt)}:{status}",
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

        RequireTransaction(db);

        // On the caller's connection and in its transaction, with the Residents module's mapping of the table (a context of
        // its own per call cost about 0.4 ms, inside the write transaction). A replayed change never gets here; the unique
        // (resident, kind, reference) index would skip one anyway.
        await db.InsertRowsAsync(ResidentsModel(), [.. entries], cancellationToken);
    }

    private static void RequireTransaction(CampaignsDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Timeline entries are written in the transaction of the change they record.");
        }
    }

    private static TimelineKind SentKind(DeliveryAttempt attempt)
        => attempt.Channel == ContactChannel.Sms ? TimelineKind.OutboundMessage : TimelineKind.OutboundCall;

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
