using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Api;

/// <summary>The Residents module alone in a test server, over a migrated archive (authentication is the server's job).</summary>
internal sealed class ResidentsApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ResidentsApiHost(WebApplication app, RecordingJobClient jobs)
    {
        this.app = app;
        Jobs = jobs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public RecordingJobClient Jobs { get; }

    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    public static async Task<ResidentsApiHost> StartAsync(ArchiveDatabase archive, int inlineImportMaxRows = 2000)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Database:Provider"] = archive.Options.Provider.ToString();
        builder.Configuration["Database:ConnectionString"] = archive.Options.ConnectionString;
        builder.Configuration["Residents:InlineImportMaxRows"] = inlineImportMaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Services.AddSingleton<TimeProvider>(Time);
        var jobs = new RecordingJobClient();
        builder.Services.AddSingleton<IBackgroundJobClient>(jobs);
        builder.AddResidents();
        var app = builder.Build();
        app.MapResidentsApi();
        foreach (var migration in app.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(app.Services, CancellationToken.None);
        }

        await app.StartAsync();
        return new ResidentsApiHost(app, jobs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
