using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Outreach.Agent.Conversations;
using Outreach.Residents;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Agent.Tests;

/// <summary>
/// The Residents and Agent modules composed as the server does, on a real SQLite file with migrations applied, a fake
/// clock (Wednesday 2026-12-02 09:00 Shanghai) and a small street: 张桂兰 (zh-CN, 76, female), John Smith (en, male),
/// 王强 (zh-CN) in another community.
/// </summary>
public sealed class AgentTestHost : IAsyncDisposable
{
    public const string OfficePhone = "0571-8888 6000";

    private readonly TestDatabase database;
    private readonly IHost host;

    private AgentTestHost(IHost host, TestDatabase database, FakeTimeProvider time)
    {
        this.host = host;
        this.database = database;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => host.Services;

    public Resident Zhang { get; private set; } = null!;

    public Resident Smith { get; private set; } = null!;

    public Resident Wang { get; private set; } = null!;

    public Community Maple { get; private set; } = null!;

    public static async Task<AgentTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = new TestDatabase();
        var builder = Host.CreateApplicationBuilder();
        var configuration = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Agent:PromptsPath"] = AgentTestFixtures.PromptsFolder,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddResidents();
        builder.AddAgent();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        var started = new AgentTestHost(builder.Build(), database, time);
        foreach (var migration in started.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(started.Services, CancellationToken.None);
        }

        await started.SeedAsync();
        return started;
    }

    internal async Task<AgentReply> SayAsync(Resident resident, string text, RecordingConversationActions actions, NoticeContext? notice = null, ContactChannel channel = ContactChannel.Sms, string? digits = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var agent = scope.ServiceProvider.GetRequiredService<IResidentAgent>();
        return await agent.RespondAsync(new ConversationRequest(resident.Id, channel, text, digits, notice, actions), CancellationToken.None);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        database.Dispose();
        await Task.CompletedTask;
    }

    private async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
        var street = new Street { Name = "迎丰街道", OfficePhone = OfficePhone };
        Maple = new Community { Name = "枫林社区", Street = street };
        var river = new Community { Name = "江畔社区", Street = street };
        db.AddRange(street, Maple, river);
        await db.SaveChangesAsync();
        var now = Time.GetUtcNow();
        Zhang = new Resident { Name = "张桂兰", Phone = "+8613800000001", Language = "zh-CN", Gender = "F", BirthDate = new DateOnly(1950, 3, 1), CommunityId = Maple.Id, Building = "3栋", Unit = "2单元", CreatedAt = now, UpdatedAt = now };
        Smith = new Resident { Name = "John Smith", Phone = "+8613800000002", Language = "en", Gender = "M", CommunityId = Maple.Id, CreatedAt = now, UpdatedAt = now };
        Wang = new Resident { Name = "王强", Phone = "+8613900000003", Language = "zh-CN", CommunityId = river.Id, Building = "8栋", CreatedAt = now, UpdatedAt = now };
        db.Residents.AddRange(Zhang, Smith, Wang);
        await db.SaveChangesAsync();
    }
}
