using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Knowledge;
using Outreach.Residents.Access;

namespace Outreach.Agent.Tests.Knowledge;

/// <summary>Knowledge documents within a community-staff scope, and re-indexing on change.</summary>
public sealed class KnowledgeDocumentsTests : IAsyncLifetime
{
    private AgentTestHost host = null!;

    public async Task InitializeAsync() => host = await AgentTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<T> AsStaffAsync<T>(int community, Func<KnowledgeDocuments, Task<T>> work)
        => host.InScopeAsync(services => work(ActivatorUtilities.CreateInstance<KnowledgeDocuments>(services, new StaffScope(community))));

    [Fact]
    public async Task Community_staff_write_for_their_community_and_read_the_street_wide_documents()
    {
        var maple = host.Maple.Id;
        var river = host.Wang.CommunityId;
        var theirs = await AsStaffAsync(river, d => d.CreateAsync(new("江畔停车", "# 停车\n\n江畔小区停车每月100元。", "zh-CN", null, null), CancellationToken.None));
        var mine = await AsStaffAsync(maple, d => d.CreateAsync(new("枫林停车", "# 停车\n\n枫林小区停车每月150元。", "zh-CN", null, null), CancellationToken.None));

        var listed = await AsStaffAsync(maple, d => d.ListAsync(null, null, CancellationToken.None));

        Assert.Equal((KnowledgeChangeStatus.Saved, maple), (mine.Status, mine.Document!.CommunityId));
        Assert.Contains(listed, d => d.Id == mine.Document.Id);
        Assert.DoesNotContain(listed, d => d.Id == theirs.Document!.Id);
        Assert.Contains(listed, d => d.CommunityId is null);
        Assert.Null(await AsStaffAsync(maple, d => d.FindAsync(theirs.Document!.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Community_staff_cannot_write_for_another_community_or_change_street_wide_documents()
    {
        var maple = host.Maple.Id;
        var streetWide = (await AsStaffAsync(maple, d => d.ListAsync(null, null, CancellationToken.None))).First(d => d.CommunityId is null);

        var elsewhere = await AsStaffAsync(maple, d => d.CreateAsync(new("t", "m", null, null, host.Wang.CommunityId), CancellationToken.None));
        var replaced = await AsStaffAsync(maple, d => d.ReplaceAsync(streetWide.Id, new("t", "m", null, null, maple), CancellationToken.None));
        var deleted = await AsStaffAsync(maple, d => d.DeleteAsync(streetWide.Id, CancellationToken.None));

        Assert.Equal(KnowledgeChangeStatus.Invalid, elsewhere.Status);
        Assert.Contains("communityId", elsewhere.Errors.Keys);
        Assert.Equal((KnowledgeChangeStatus.ReadOnly, KnowledgeChangeStatus.ReadOnly), (replaced.Status, deleted.Status));
        Assert.NotNull(await AsStaffAsync(maple, d => d.FindAsync(streetWide.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task A_change_is_searchable_at_once()
    {
        var question = "枫林小区停车每月多少钱";
        var created = await AsStaffAsync(host.Maple.Id, d => d.CreateAsync(new("停车", "# 停车\n\n枫林小区停车每月150元。", "zh-CN", null, null), CancellationToken.None));
        var before = await host.InScopeAsync(s => s.GetRequiredService<KnowledgeBase>().SearchAsync(host.Maple.StreetId, host.Maple.Id, question, CancellationToken.None));

        await AsStaffAsync(host.Maple.Id, d => d.ReplaceAsync(created.Document!.Id, new("停车", "# 停车\n\n枫林小区停车每月180元。", "zh-CN", null, null), CancellationToken.None));
        var after = await host.InScopeAsync(s => s.GetRequiredService<KnowledgeBase>().SearchAsync(host.Maple.StreetId, host.Maple.Id, question, CancellationToken.None));

        Assert.Contains("150元", before!.Passage.Text, StringComparison.Ordinal);
        Assert.Contains("180元", after!.Passage.Text, StringComparison.Ordinal);
    }

    private sealed class StaffScope(int community) : ICommunityScopeAccessor
    {
        public CommunityScope Current { get; } = new(new HashSet<int> { community });
    }
}
