using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Telephony.Storage;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Answers each I-Twilio-Idempotency-Token once: the first response (TwiML or an empty 204) is stored in
/// twilio_webhook_receipts for the retention window, so Twilio's retry, even after a restart, gets the same answer
/// without the handler running again. Deliveries of one token that overlap in this process share one run.
/// </summary>
public sealed class WebhookIdempotency(IDbContextFactory<TelephonyDbContext> contexts, TimeProvider time, IOptionsMonitor<TwilioOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IResult>>> running = new(StringComparer.Ordinal);

    public async Task<IResult> RunOnceAsync(string key, Func<Task<IResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var attempt = running.GetOrAdd(key, k => new Lazy<Task<IResult>>(() => RunRecordedAsync(k, run, cancellationToken)));
        try
        {
            return await attempt.Value;
        }
        finally
        {
            // The receipt (or a failure, which is no answer) now speaks for the token.
            running.TryRemove(new KeyValuePair<string, Lazy<Task<IResult>>>(key, attempt));
        }
    }

    /// <summary>Deletes receipts older than the retention window; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.CurrentValue.IdempotencyRetention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookReceipts.Where(r => r.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<IResult> RunRecordedAsync(string key, Func<Task<IResult>> run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - options.CurrentValue.IdempotencyRetention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var receipt = await db.WebhookReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (receipt is not null && receipt.ReceivedAt >= since)
        {
            return receipt.StatusCode == StatusCodes.Status204NoContent
                ? TypedResults.NoContent()
                : TypedResults.Content(receipt.Body, receipt.ContentType, statusCode: receipt.StatusCode);
        }

        var result = await run();
        if (ReceiptOf(key, result, now) is not { } answer)
        {
            return result;
        }

        if (receipt is not null)
        {
            // An expired receipt of the same token: this delivery is new.
            await db.WebhookReceipts.Where(r => r.Key == key).ExecuteDeleteAsync(cancellationToken);
        }

        db.WebhookReceipts.Add(answer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another server instance answered the same token at the same moment and recorded it first.
        }

        return result;
    }

    /// <summary>A receipt for a response worth replaying (TwiML, an empty 2xx); null for problems, which are not answers.</summary>
    private static WebhookReceipt? ReceiptOf(string key, IResult result, DateTimeOffset now)
    {
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        return inner switch
        {
            ContentHttpResult content when (content.StatusCode ?? StatusCodes.Status200OK) < 300 => new WebhookReceipt
            {
                Key = key,
                ReceivedAt = now,
                StatusCode = content.StatusCode ?? StatusCodes.Status200OK,
                ContentType = content.ContentType,
                Body = content.ResponseContent,
            },
            NoContent => new WebhookReceipt { Key = key, ReceivedAt = now, StatusCode = StatusCodes.Status204NoContent },
            _ => null,
        };
    }
}
