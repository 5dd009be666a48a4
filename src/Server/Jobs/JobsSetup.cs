using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using Outreach.Server.Security;
using Outreach.Storage;

namespace Outreach.Server.Jobs;

/// <summary>
/// Hangfire on the same database kind as the app: a SQLite file beside the embedded database, or the shared
/// PostgreSQL for scale-out. Queued work survives a restart either way.
/// </summary>
public static class JobsSetup
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName);
        services.AddHangfire((sp, config) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            var outreach = sp.GetRequiredService<IOptions<OutreachOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    Directory.CreateDirectory(outreach.DataFolder);
                    config.UseSQLiteStorage(
                        Path.Combine(outreach.DataFolder, "hangfire.db"),
                        new SQLiteStorageOptions { QueuePollInterval = jobs.QueuePollInterval });
                    break;
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(
                        options => options.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions { QueuePollInterval = jobs.QueuePollInterval, PrepareSchemaIfNecessary = true });
                    break;
                default:
                    throw new InvalidOperationException($"Database:Provider '{database.Provider}' has no Hangfire storage.");
            }
        });

        var runServer = builder.Configuration.GetValue($"{JobsOptions.SectionName}:{nameof(JobsOptions.RunServer)}", true);
        if (runServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                server.Queues = ["default"];
            });
        }

        return builder;
    }

    /// <summary>The Hangfire dashboard at /jobs, street admins only.</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Authorization is the endpoint's policy below, not Hangfire's local-requests-only default.
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            DashboardTitle = "Outreach jobs",
        }).RequireAuthorization(policy => policy.RequireRole(StaffRoles.StreetAdmin));
        return endpoints;
    }
}
