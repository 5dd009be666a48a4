using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Residents.Access;
using Outreach.Residents.Api;
using Outreach.Residents.Archive;
using Outreach.Residents.Demo;
using Outreach.Residents.Export;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;
using Outreach.Residents.Timeline;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Storage;

namespace Outreach.Residents;

/// <summary>The resident archive module: storage, query layer, timeline, consent, import and export.</summary>
public static class ResidentsModule
{
    public static IHostApplicationBuilder AddResidents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddOptions<ResidentsOptions>().BindConfiguration(ResidentsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICommunityScopeAccessor, UnrestrictedScopeAccessor>();

        services.AddModuleDbContext<ResidentsDbContext>("residents");
        services.AddSingleton<IDatabaseMigration, DatabaseMigration<ResidentsDbContext>>();

        services.AddSingleton(sp => new PhoneNumberParser(sp.GetRequiredService<IOptions<ResidentsOptions>>().Value.DefaultRegion));
        services.AddScoped<ResidentDirectory>();
        services.AddScoped<ResidentTimeline>();
        services.AddScoped<StaffNotes>();
        services.AddScoped<ResidentConsent>();
        services.AddScoped<DemoStreetSeeder>();
        services.AddScoped<ResidentImporter>();
        services.AddScoped<ResidentImportJob>();
        services.AddHostedService<ImportResumption>();
        services.AddScoped<ResidentCsvExport>();
        return builder;
    }

    /// <summary>Maps /api/residents (search, record and timeline, notes, import, count, export) and /api/communities.</summary>
    public static IEndpointRouteBuilder MapResidentsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ResidentsApi.Map(endpoints);
        return endpoints;
    }
}
