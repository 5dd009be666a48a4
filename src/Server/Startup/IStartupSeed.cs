namespace Outreach.Server.Startup;

/// <summary>Demo data put into an empty database at start when Outreach:SeedDemo is true.</summary>
public interface IStartupSeed
{
    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}
