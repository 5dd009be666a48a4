using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Providers;
using Outreach.Storage;

namespace Outreach.Agent.Storage;

/// <summary>Brings the agent's tables up to date and seeds the demo knowledge documents into an empty knowledge base.</summary>
internal sealed class AgentDatabaseMigration : IDatabaseMigration
{
    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await new DatabaseMigration<AgentDbContext>().MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<AgentOptions>>().Value;
        if (options.SeedDemoKnowledge)
        {
            var db = scope.ServiceProvider.GetRequiredService<AgentDbContext>();
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoKnowledge.SeedAsync(db, Path.Combine(options.ResolvedPromptsPath, "knowledge", "demo"), time, cancellationToken);
        }
    }
}
