namespace Outreach.Storage;

/// <summary>A module's schema, brought up to date at start by the host.</summary>
public interface IDatabaseMigration
{
    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}
