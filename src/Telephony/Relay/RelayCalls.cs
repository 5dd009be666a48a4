using Microsoft.EntityFrameworkCore;
using Outreach.Telephony.Storage;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Relay;

/// <summary>
/// The calls handed to ConversationRelay, by CallSid, as their signed answer webhook described them. The WebSocket
/// session binds to the call found here, never to what its messages claim. They are kept in the database, so the
/// socket may reach any server (several behind a load balancer, without sticky routing). Twilio opens the socket right
/// after the TwiML, so entries live minutes; those older than <see cref="Retention"/> are pruned. See docs/decisions/0010.
/// </summary>
public sealed class RelayCalls(IDbContextFactory<TelephonyDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    /// <summary>Binds the call's coming session to this description; a repeated answer webhook replaces the earlier one.</summary>
    public async Task RegisterAsync(CallInput call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RelayCalls.Where(c => c.CallSid == call.CallSid).ExecuteDeleteAsync(cancellationToken);
        db.RelayCalls.Add(new RelayCall
        {
            CallSid = call.CallSid,
            From = call.From,
            To = call.To,
            Reference = call.Reference,
            AnsweredBy = call.AnsweredBy,
            ReceivedAt = call.ReceivedAt,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Twilio delivered the same answer webhook twice at once, and the other delivery stored the call first.
        }
    }

    public async Task<CallInput?> FindAsync(string callSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.RelayCalls.AsNoTracking().FirstOrDefaultAsync(c => c.CallSid == callSid, cancellationToken);
        return call is null ? null : new CallInput(call.CallSid, call.From, call.To, call.Reference, null, null, call.AnsweredBy, call.ReceivedAt);
    }

    public async Task ForgetAsync(string callSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RelayCalls.Where(c => c.CallSid == callSid).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Forgets calls whose session never ended here (a server that stopped mid-call); returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RelayCalls.Where(c => c.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
