using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outreach.Server.Security;

namespace Outreach.Server.Accounts;

/// <summary>Issues, lists, validates and revokes integration API keys. A key is shown once, at creation.</summary>
public sealed class IntegrationApiKeys(AccountsDbContext db, TimeProvider time)
{
    public static IReadOnlyList<string> Roles { get; } = [StaffRoles.StreetAdmin, StaffRoles.CommunityStaff, StaffRoles.Auditor];

    public async Task<IssuedApiKey> IssueAsync(string name, string role, IReadOnlyCollection<int> communityIds, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(communityIds);
        if (!Roles.Contains(role))
        {
            throw new ArgumentException($"role must be one of {string.Join(", ", Roles)}.", nameof(role));
        }

        var key = "ok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var entity = new IntegrationApiKey
        {
            Name = name.Trim(),
            Prefix = key[..10],
            Hash = Hash(key),
            Role = role,
            CommunityIds = [.. communityIds.Distinct().Order()],
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(entity, key);
    }

    public Task<List<IntegrationApiKey>> ListAsync(CancellationToken cancellationToken)
        => db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>The live key that matches, or null.</summary>
    public Task<IntegrationApiKey?> FindAsync(string presented, CancellationToken cancellationToken)
    {
        var hash = Hash(presented);
        return db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);
    }

    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
