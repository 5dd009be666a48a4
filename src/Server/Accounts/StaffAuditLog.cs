using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Outreach.Server.Accounts;

/// <summary>Records what staff did (launched, paused, cancelled, opened a record, exported) and lists it for street admins.</summary>
public sealed class StaffAuditLog(AccountsDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    public async Task RecordAsync(string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        var user = httpContextAccessor.HttpContext?.User;
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = user?.Identity?.Name ?? user?.FindFirstValue(ClaimTypes.Name) ?? "system",
            Action = action,
            Target = target,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public Task<List<AuditEntry>> ListAsync(string? actor, int take, CancellationToken cancellationToken)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actor))
        {
            query = query.Where(e => e.Actor == actor);
        }

        return query.OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }
}
