using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Storage;

/// <summary>Applies one module's EF Core migrations.</summary>
public sealed class DatabaseMigration<TContext> : IDatabaseMigration
    where TContext : DbContext
{
    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();

        // A module that keeps a (pooled) context factory instead of a scoped context migrates through the factory.
        var factory = scope.ServiceProvider.GetService<IDbContextFactory<TContext>>();
        await using var owned = factory is null ? null : await factory.CreateDbContextAsync(cancellationToken);
        var db = owned ?? scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while a campaign writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
