using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Storage;
using Outreach.Agent.Tests.Providers;

namespace Outreach.Agent.Tests.Knowledge;

/// <summary>
/// Hybrid retrieval over the demo knowledge, with passage and question vectors from the scripted server's
/// /v1/embeddings reached through Semantic Kernel's OpenAI connector; and the same questions on the lexical index alone.
/// </summary>
public sealed class KnowledgeBaseTests : IAsyncLifetime
{
    /// <summary>Shares no character bigram with the opening-hours passage: only its meaning does.</summary>
    private const string Paraphrase = "礼拜天办事处营业吗";

    private const string Model = "scripted-embed";

    private ModelAgentFixture fixture = null!;

    public async Task InitializeAsync()
        => fixture = await ModelAgentFixture.StartAsync(Model, server => server.Concepts = [["周一至周五", "营业"], ["身份证", "证件"]]);

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_paraphrase_with_no_shared_bigram_is_answered_only_with_embeddings()
    {
        await using var offline = await AgentTestHost.StartAsync();

        var lexical = await SearchAsync(offline, Paraphrase);
        var hybrid = await SearchAsync(fixture.Host, Paraphrase);

        Assert.Null(lexical);
        Assert.NotNull(hybrid);
        Assert.Contains("周一至周五上午8:30", hybrid.Passage.Text, StringComparison.Ordinal);
        Assert.Equal(0, hybrid.Score);
        Assert.Equal(1, hybrid.Similarity!.Value, 3);
        var bigrams = LexicalTokenizer.Tokenize(hybrid.Passage.EmbeddingText).Where(LexicalTokenizer.IsHanBigram).ToHashSet();
        Assert.DoesNotContain(LexicalTokenizer.Tokenize(Paraphrase), bigrams.Contains);
    }

    [Fact]
    public async Task Passage_vectors_are_stored_per_model_and_only_changed_passages_are_embedded_again()
    {
        await SearchAsync(fixture.Host, Paraphrase);
        var passages = await fixture.Host.InScopeAsync(async sp => (await sp.GetRequiredService<AgentDbContext>().Knowledge.ToListAsync()).SelectMany(LexicalIndex.Split).Count());
        var stored = await fixture.Host.InScopeAsync(sp => sp.GetRequiredService<AgentDbContext>().Embeddings.Where(e => e.ModelId == Model).CountAsync());
        Assert.Equal(passages, stored);
        var sent = fixture.Model.EmbeddedTexts.Count;

        await fixture.Host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AgentDbContext>();
            var document = await db.Knowledge.OrderBy(d => d.Id).FirstAsync();
            document.Markdown += "\n\n新增一段：周末请提前预约。";
            await db.SaveChangesAsync();
            return await sp.GetRequiredService<KnowledgeEmbedder>().EnsureAsync([document], CancellationToken.None);
        });

        var again = Assert.Single(fixture.Model.EmbeddedTexts.Skip(sent));
        Assert.Contains("周末请提前预约", again, StringComparison.Ordinal);
        var usage = await fixture.Host.InScopeAsync(sp => sp.GetRequiredService<AgentDbContext>().Usage.Where(u => u.Purpose == "knowledge").SumAsync(u => u.PromptTokens));
        Assert.Equal(fixture.Model.EmbeddedTexts.Count * ScriptedOpenAIServer.EmbeddingTokensPerText, usage);
    }

    [Fact]
    public async Task When_the_question_cannot_be_embedded_retrieval_is_lexical_for_that_question()
    {
        Assert.NotNull(await SearchAsync(fixture.Host, Paraphrase));
        fixture.Model.FailEmbeddings = true;

        Assert.Null(await SearchAsync(fixture.Host, Paraphrase));
        var lexical = await SearchAsync(fixture.Host, "社区服务中心开放时间");

        Assert.NotNull(lexical);
        Assert.Null(lexical.Similarity);
        Assert.True(lexical.Score > 0);
    }

    [Fact]
    public async Task When_passages_cannot_be_embedded_the_lexical_index_answers_and_vectors_are_tried_again()
    {
        fixture.Model.FailEmbeddings = true;
        Assert.NotNull(await SearchAsync(fixture.Host, "社区服务中心开放时间"));
        Assert.Null(await SearchAsync(fixture.Host, Paraphrase));

        fixture.Model.FailEmbeddings = false;

        Assert.NotNull(await SearchAsync(fixture.Host, Paraphrase));
    }

    [Fact]
    public async Task A_document_changed_or_deleted_by_another_server_is_searched_as_it_now_is()
    {
        await using var host = await AgentTestHost.StartAsync();
        const string Question = "疫苗接种点在哪里";
        Assert.Null(await SearchAsync(host, Question));

        // Another server shares the database: its change reaches this server's cached index without going through it.
        var id = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AgentDbContext>();
            var document = await db.Knowledge.OrderBy(d => d.Id).FirstAsync();
            document.Markdown += "\n\n今年的疫苗接种点在文化礼堂。";
            document.UpdatedAt = document.UpdatedAt.AddMinutes(1);
            await db.SaveChangesAsync();
            return document.Id;
        });
        var hit = await SearchAsync(host, Question);
        Assert.NotNull(hit);
        Assert.Contains("文化礼堂", hit.Passage.Text, StringComparison.Ordinal);

        await host.InScopeAsync(sp => sp.GetRequiredService<AgentDbContext>().Knowledge.Where(d => d.Id == id).ExecuteDeleteAsync());
        Assert.Null(await SearchAsync(host, Question));
    }

    private static Task<KnowledgeHit?> SearchAsync(AgentTestHost host, string question)
        => host.InScopeAsync(sp => sp.GetRequiredService<KnowledgeBase>().SearchAsync(null, host.Maple.Id, question, CancellationToken.None));
}
