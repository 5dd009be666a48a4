using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Knowledge;
using Outreach.Residents;
using Outreach.Residents.Storage;
using Outreach.Testing;

namespace Outreach.Agent.Tests.Knowledge;

/// <summary>/api/knowledge on a real Kestrel host with the Residents and Agent modules and a real SQLite file.</summary>
public sealed class KnowledgeApiTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase database = new();
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Agent:PromptsPath"] = AgentTestFixtures.PromptsFolder,
        });
        builder.AddResidents();
        builder.AddAgent();
        app = builder.Build();
        app.MapAgentApi();
        foreach (var migration in app.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(app.Services, CancellationToken.None);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public void Dispose()
    {
        client.Dispose();
        database.Dispose();
    }

    [Fact]
    public async Task Demo_documents_are_seeded_and_searchable()
    {
        var documents = await client.GetFromJsonAsync<List<KnowledgeDocumentResponse>>("/api/knowledge");
        var search = await client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("路灯坏了怎么报修"));

        Assert.Equal(6, documents!.Count);
        Assert.True(search!.Answered);
        Assert.Contains("报修", search.Passage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_can_be_created_replaced_and_deleted()
    {
        var created = await client.PostAsJsonAsync("/api/knowledge", new KnowledgeDocumentRequest("停车", "# 停车\n\n小区地面停车每月150元，在物业办理。", "zh-CN", null, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await created.Content.ReadFromJsonAsync<KnowledgeDocumentResponse>();

        var answered = await client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("小区停车每月多少钱"));
        Assert.Contains("150元", answered!.Passage, StringComparison.Ordinal);

        var replaced = await client.PutAsJsonAsync($"/api/knowledge/{document!.Id}", new KnowledgeDocumentRequest("停车", "# 停车\n\n小区地面停车每月200元，在物业办理。", "zh-CN", null, null));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var updated = await client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("小区停车每月多少钱"));
        Assert.Contains("200元", updated!.Passage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/knowledge/{document.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/knowledge/{document.Id}")).StatusCode);
        var gone = await client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("小区停车每月多少钱"));
        Assert.False(gone!.Answered);
    }

    [Theory]
    [InlineData("""{"markdown":"text"}""", "title")]
    [InlineData("""{"title":"t"}""", "markdown")]
    [InlineData("""{"title":"t","markdown":"m","language":"中文!"}""", "language")]
    [InlineData("""{"title":"t","markdown":"m","communityId":9999}""", "communityId")]
    public async Task Bad_input_is_a_problem_naming_the_field(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/knowledge", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Usage_is_reported_even_when_empty()
    {
        var usage = await client.GetFromJsonAsync<Outreach.Agent.Usage.UsageReport>("/api/agent/usage?campaignId=1");

        Assert.Equal(0, usage!.Calls);
    }
}
