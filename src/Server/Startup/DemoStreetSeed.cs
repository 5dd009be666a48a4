using Outreach.Residents.Demo;

namespace Outreach.Server.Startup;

/// <summary>Seeds the demo street into an empty archive.</summary>
public sealed class DemoStreetSeed : IStartupSeed
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoStreetSeeder>().SeedAsync(cancellationToken);
    }
}
