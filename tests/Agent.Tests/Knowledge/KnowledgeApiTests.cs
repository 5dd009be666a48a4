using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Storage;
using Outreach.Agent.Tests.Providers;

namespace Outreach.Agent.Tests.Knowledge;

/// <summary>/api/knowledge on a real Kestrel host with the Residents and Agent modules and a real SQLite file.</summary>
public sealed class KnowledgeApiTests : IAsyncLifetime
{
    private KnowledgeApiHost host = null!;

    private HttpClient Client => host.Client;

    public async Task InitializeAsync() => host = await KnowledgeApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Community_staff_search_only_within_their_own_community()
    {
        await using var staff = await KnowledgeApiHost.StartAsync(communities: new HashSet<int> { 2 });
        var question = "/api/knowledge/search?q=" + Uri.EscapeDataString("路灯坏了怎么报修");

        var elsewhere = await staff.Client.GetAsync(new Uri(question + "&communityId=1", UriKind.Relative));
        var own = await staff.Client.GetFromJsonAsync<KnowledgeSearchResponse>(question);

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("communityId", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(own!.Answered);
    }

    [Fact]
    public async Task Demo_documents_are_seeded_and_searchable()
    {
        var documents = await Client.GetFromJsonAsync<List<KnowledgeDocumentResponse>>("/api/knowledge");
        var search = await Client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("路灯坏了怎么报修"));

        Assert.Equal(6, documents!.Count);
        Assert.True(search!.Answered);
        Assert.Contains("报修", search.Passage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_can_be_created_replaced_and_deleted()
    {
        var created = await Client.PostAsJsonAsync("/api/knowledge", new KnowledgeDocumentRequest("停车", "# 停车\n\n小区地面停车每月150元，在物业办理。", "zh-CN", null, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await created.Content.ReadFromJsonAsync<KnowledgeDocumentResponse>();

        var answered = await Client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("小区停车每月多少钱"));
        Assert.Contains("150元", answered!.Passage, StringComparison.Ordinal);

        var replaced = await Client.PutAsJsonAsync($"/api/knowledge/{document!.Id}", new KnowledgeDocumentRequest("停车", "# 停车\n\n小区地面停车每月200元，在物业办理。", "zh-CN", null, null));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var updated = await Client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("小区停车每月多少钱"));
        Assert.Contains("200元", updated!.Passage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/knowledge/{document.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/knowledge/{document.Id}")).StatusCode);
        var gone = await Client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString("小区停车每月多少钱"));
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
        var response = await Client.PostAsync("/api/knowledge", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Usage_is_reported_even_when_empty()
    {
        var usage = await Client.GetFromJsonAsync<Outreach.Agent.Usage.UsageReport>("/api/agent/usage?campaignId=1");

        Assert.Equal(0, usage!.Calls);
    }
}

/// <summary>/api/knowledge with an embedding model: the scripted server's /v1/embeddings through the real SK connector.</summary>
public sealed class KnowledgeApiWithEmbeddingsTests : IAsyncLifetime
{
    private const string Question = "在哪儿停车，要交多少钱";

    private ScriptedOpenAIServer model = null!;
    private KnowledgeApiHost host = null!;

    public async Task InitializeAsync()
    {
        model = await ScriptedOpenAIServer.StartAsync();
        model.Concepts = [["停车", "泊车", "车位"], ["元", "多少钱", "费用"]];
        host = await KnowledgeApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Provider"] = "OpenAICompatible",
            ["Agent:Endpoint"] = model.BaseUrl.ToString(),
            ["Agent:ModelId"] = "scripted",
            ["Agent:EmbeddingModel"] = "scripted-embed",
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await model.DisposeAsync();
    }

    [Fact]
    public async Task Vectors_are_stored_on_create_recomputed_on_replace_and_dropped_on_delete()
    {
        var created = await host.Client.PostAsJsonAsync("/api/knowledge", new KnowledgeDocumentRequest("车位", "# 车位\n\n小区地面泊车每月150元，在物业办理。", "zh-CN", null, null));
        var document = (await created.Content.ReadFromJsonAsync<KnowledgeDocumentResponse>())!;
        var first = await VectorsAsync(document.Id);
        Assert.Single(first);
        Assert.Contains(model.EmbeddedTexts, t => t.Contains("150元", StringComparison.Ordinal));

        var answered = await host.Client.GetFromJsonAsync<KnowledgeSearchResponse>("/api/knowledge/search?q=" + Uri.EscapeDataString(Question));
        Assert.Equal(document.Id, answered!.DocumentId);
        Assert.NotNull(answered.Similarity);

        await host.Client.PutAsJsonAsync($"/api/knowledge/{document.Id}", new KnowledgeDocumentRequest("车位", "# 车位\n\n小区地面泊车每月200元，在物业办理。", "zh-CN", null, null));
        var second = await VectorsAsync(document.Id);
        Assert.NotEqual(Assert.Single(first).TextHash, Assert.Single(second).TextHash);
        Assert.Contains(model.EmbeddedTexts, t => t.Contains("200元", StringComparison.Ordinal));

        await host.Client.DeleteAsync($"/api/knowledge/{document.Id}");
        Assert.Empty(await VectorsAsync(document.Id));
    }

    private Task<List<PassageEmbedding>> VectorsAsync(int documentId)
        => host.InScopeAsync(sp => sp.GetRequiredService<AgentDbContext>().Embeddings.AsNoTracking().Where(e => e.DocumentId == documentId).ToListAsync());
}
