using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Outreach.Telephony.Storage;

/// <summary>
/// Brings the Telephony tables up to date at start. A hosted service, because the host's IDatabaseMigration lives
/// in a module above this one; hosted services start in order, so this runs after the host's own migrations.
/// </summary>
internal sealed class TelephonyDatabaseMigrator(IDbContextFactory<TelephonyDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
