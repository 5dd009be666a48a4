using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Residents;
using Outreach.Residents.Access;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Agent.Tests.Knowledge;

/// <summary>The Residents and Agent modules with the agent's API on a real Kestrel host and a real SQLite file.</summary>
internal sealed class KnowledgeApiHost : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly WebApplication app;

    private KnowledgeApiHost(TestDatabase database, WebApplication app, HttpClient client)
    {
        this.database = database;
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <param name="communities">When given, every caller is community staff of exactly these communities.</param>
    public static async Task<KnowledgeApiHost> StartAsync(IDictionary<string, string?>? settings = null, IReadOnlySet<int>? communities = null)
    {
        var database = new TestDatabase();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Agent:PromptsPath"] = AgentTestFixtures.PromptsFolder,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddResidents();
        builder.AddAgent();
        if (communities is not null)
        {
            builder.Services.AddSingleton<ICommunityScopeAccessor>(new FixedScope(new CommunityScope(communities)));
        }

        var app = builder.Build();
        app.MapAgentApi();
        foreach (var migration in app.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(app.Services, CancellationToken.None);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KnowledgeApiHost(database, app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
    }

    private sealed class FixedScope(CommunityScope scope) : ICommunityScopeAccessor
    {
        public CommunityScope Current => scope;
    }
}
