using Hangfire;
using Hangfire.Common;
using System.Text.Json.Serialization;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Outreach.Telephony.Webhooks;
using Microsoft.Extensions.Logging;
using Outreach.Agent.Conversations;
using Outreach.Agent.Prompts;
using Outreach.Agent.Wording;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Storage;
using Outreach.Campaigns.Tests.Doubles;
using Outreach.Residents;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Voice;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Campaigns.Tests;

/// <summary>
/// The Campaigns module in a real host: a real SQLite file, Hangfire.InMemory with a real BackgroundJobServer, and
/// recording doubles for Twilio and the agent.
/// </summary>
public sealed class CampaignTestHost : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly WebApplication host;
    private readonly List<Task> callbacks = [];
    private readonly IJobFilter? filter;

    private CampaignTestHost(TestDatabase database, WebApplication host, IJobFilter? filter)
    {
        this.database = database;
        this.host = host;
        this.filter = filter;
        Http = new HttpClient { BaseAddress = new Uri(host.Urls.First()) };
    }

    /// <summary>A client for the module's API on the host's loopback port.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => host.Services;

    public RecordingSmsSender Sms => Services.GetRequiredService<RecordingSmsSender>();

    public RecordingCallPlacer Calls => Services.GetRequiredService<RecordingCallPlacer>();

    public KeywordAgent Agent => Services.GetRequiredService<KeywordAgent>();

    public RecordingNoticeWriter Writer => Services.GetRequiredService<RecordingNoticeWriter>();

    public static async Task<CampaignTestHost> StartAsync(
        Dictionary<string, string?>? settings = null, TimeProvider? time = null, IJobFilter? filter = null, bool jobServer = true, bool scopeFromHeader = false)
    {
        var database = new TestDatabase();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Campaigns:SweepSeconds"] = "1",
            ["Campaigns:UnknownAttemptSeconds"] = "1",
            ["Campaigns:ChunkSize"] = "50",
            ["Campaigns:BatchSize"] = "20",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddResidents();
        builder.AddCampaigns();
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton(time ?? TimeProvider.System));
        services.AddSingleton<RecordingSmsSender>();
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<RecordingSmsSender>());
        services.AddSingleton<RecordingCallPlacer>();
        services.AddSingleton<ICallPlacer>(sp => sp.GetRequiredService<RecordingCallPlacer>());
        services.AddSingleton<KeywordAgent>();
        services.AddSingleton<IResidentAgent>(sp => sp.GetRequiredService<KeywordAgent>());
        services.AddSingleton(sp => PromptLibrary.Load(Path.Combine(AppContext.BaseDirectory, "prompts")));
        services.AddScoped<ResidentProfiles>();
        services.AddSingleton<RecordingNoticeWriter>();
        services.AddSingleton<INoticeWriter>(sp => sp.GetRequiredService<RecordingNoticeWriter>());
        if (scopeFromHeader)
        {
            services.AddHttpContextAccessor();
            services.Replace(ServiceDescriptor.Scoped<Residents.Access.ICommunityScopeAccessor, HeaderCommunityScope>());
        }

        services.AddHangfire(c => c.UseInMemoryStorage());
        if (jobServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = 4;
                o.SchedulePollingInterval = TimeSpan.FromMilliseconds(100);
            });
        }

        if (filter is not null)
        {
            GlobalJobFilters.Filters.Add(filter);
        }

        var host = builder.Build();
        host.MapCampaignsApi();
        await MigrateAsync(host.Services);
        await host.StartAsync();
        return new CampaignTestHost(database, host, filter);
    }

    /// <summary>Until the Residents module ships its migrations on main, its schema is created from the model.</summary>
    private static async Task MigrateAsync(IServiceProvider services)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var residents = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
            if (residents.Database.GetMigrations().Any())
            {
                await residents.Database.MigrateAsync();
            }
            else
            {
                await residents.Database.EnsureCreatedAsync();
            }
        }

        await new DatabaseMigration<CampaignsDbContext>().MigrateAsync(services, CancellationToken.None);
    }

    /// <summary>Seeds one street with two communities (新河, Riverside) and residents alternating between them.</summary>
    public async Task<IReadOnlyList<Resident>> SeedResidentsAsync(int count, Action<int, Resident>? customise = null, string timeZone = "Asia/Shanghai")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResidentsDbContext>();
        var street = new Street { Name = "迎丰街道", TimeZone = timeZone, OfficePhone = "+8657188880000" };
        var communities = new[] { new Community { Name = "新河", Street = street }, new Community { Name = "Riverside", Street = street } };
        db.Communities.AddRange(communities);
        var residents = Enumerable.Range(0, count).Select(i =>
        {
            var resident = new Resident
            {
                Name = i % 2 == 0 ? $"王{i}" : $"Resident {i}",
                Phone = $"+86138{i:D8}",
                Language = i % 2 == 0 ? "zh-CN" : "en",
                Community = communities[i % 2],
                Building = $"{i % 7 + 1}",
                Unit = $"{i % 30 + 101}",
            };
            customise?.Invoke(i, resident);
            return resident;
        }).ToList();
        db.Residents.AddRange(residents);
        await db.SaveChangesAsync();
        return residents;
    }

    public async Task<int> CreateCampaignAsync(Action<Campaign>? customise = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var campaign = new Campaign
        {
            Name = "Vaccination day",
            Title = "Flu vaccination",
            Body = "Saturday 9:00-11:00 at the community centre.",
            ResponseKind = ResponseKind.ConfirmDecline,
            Channel = ChannelPlanKind.Sms,
            QuietFrom = new TimeOnly(0, 0),
            QuietUntil = new TimeOnly(0, 0),
            CreatedAt = now,
            UpdatedAt = now,
        };
        customise?.Invoke(campaign);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    public Task<bool> LaunchAsync(int campaignId) => InScopeAsync(sp => sp.GetRequiredService<CampaignLifecycle>().LaunchAsync(campaignId, CancellationToken.None));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> QueryAsync<T>(Func<CampaignsDbContext, Task<T>> query)
        => InScopeAsync(sp => query(sp.GetRequiredService<CampaignsDbContext>()));

    /// <summary>Twilio's callbacks for every accepted SMS (and placed call), posted in the background like webhooks.</summary>
    public void AnswerWith(string? smsStatus = "delivered", Func<int, string>? callStatus = null)
    {
        var callsSoFar = 0;
        if (smsStatus is not null)
        {
            Sms.OnAccepted = sent => Post(handler => handler.HandleMessageStatusAsync(new MessageStatusUpdate(sent.Sid, smsStatus, sent.Reference, null, DateTimeOffset.UtcNow), CancellationToken.None));
        }

        if (callStatus is not null)
        {
            Calls.OnPlaced = call =>
            {
                var status = callStatus(Interlocked.Increment(ref callsSoFar));
                Post(handler => handler.HandleCallStatusAsync(new CallStatusUpdate(call.Sid, status, call.Reference, null, 30, DateTimeOffset.UtcNow), CancellationToken.None));
            };
        }
    }

    public async Task PostStatusAsync(Func<IDeliveryStatusHandler, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        await InScopeAsync(async sp =>
        {
            await callback(sp.GetRequiredService<IDeliveryStatusHandler>());
            return true;
        });
    }

    private void Post(Func<IDeliveryStatusHandler, Task> callback)
    {
        lock (callbacks)
        {
            callbacks.Add(Task.Run(() => PostStatusAsync(callback)));
        }
    }

    public async Task<Campaign> CampaignAsync(int id) => await QueryAsync(db => db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == id));

    public async Task<Campaign> UntilStatusAsync(int id, CampaignStatus status, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.UntilAsync(() => CampaignAsync(id), c => c.Status == status, timeout ?? TimeSpan.FromSeconds(90), $"campaign {id} {status}");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; {await DiagnoseAsync(id)}", ex);
        }
    }

    /// <summary>What a timed-out test needs to know: the campaign's state and Hangfire's failed jobs.</summary>
    public async Task<string> DiagnoseAsync(int id)
    {
        var campaign = await CampaignAsync(id);
        var pending = await QueryAsync(db => db.Targets.CountAsync(t => t.CampaignId == id && t.Outcome == Targets.TargetOutcome.Pending));
        var failed = Services.GetRequiredService<JobStorage>().GetMonitoringApi().FailedJobs(0, 5)
            .Select(j => $"{j.Value.Job?.Method.Name}: {j.Value.ExceptionMessage} {j.Value.ExceptionDetails}");
        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var succeeded = monitoring.SucceededJobs(0, 200).GroupBy(j => j.Value.Job?.Method.Name).Select(g => $"{g.Key}×{g.Count()}");
        return $"status {campaign.Status}, pending {pending}, next sweep {campaign.NextSweepAt}, jobs {JobCounts()}, succeeded: {string.Join(", ", succeeded)}, failed: {string.Join(" | ", failed)}";
    }

    /// <summary>Hangfire's view: jobs waiting in a schedule, and jobs enqueued or running.</summary>
    public (long Scheduled, long Busy) JobCounts()
    {
        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        return (stats.Scheduled, stats.Enqueued + stats.Processing);
    }

    /// <summary>Moves every scheduled job to the queue now (time has passed on the fake clock).</summary>
    public void RunScheduledJobsNow()
    {
        var storage = Services.GetRequiredService<JobStorage>();
        var client = Services.GetRequiredService<IBackgroundJobClient>();
        foreach (var job in storage.GetMonitoringApi().ScheduledJobs(0, 1000))
        {
            client.Requeue(job.Key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Task[] pending;
        lock (callbacks)
        {
            pending = [.. callbacks];
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync();
        await host.DisposeAsync();
        if (filter is not null)
        {
            GlobalJobFilters.Filters.Remove(filter);
        }

        database.Dispose();
    }
}
