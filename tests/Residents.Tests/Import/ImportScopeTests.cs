using System.Text;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Import;

namespace Outreach.Residents.Tests.Import;

/// <summary>An import uploaded by community staff creates and updates only residents of their communities.</summary>
public sealed class ImportScopeTests : IAsyncLifetime
{
    private readonly ArchiveDatabase archive = new();

    public Task InitializeAsync() => archive.InitializeAsync();

    public Task DisposeAsync() => archive.DisposeAsync();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<List<ResidentImportRejection>> RejectionsAsync(int importId)
    {
        await using var db = archive.CreateContext();
        return await db.ImportRejections.Where(r => r.ImportId == importId).OrderBy(r => r.Line).ToListAsync();
    }

    [Fact]
    public async Task Rows_naming_another_community_are_rejected_as_not_yours()
    {
        var import = await archive.ImportAsync(Utf8("name,phone,community\n甲,13800138001,新河\n乙,13800138002,湖滨\n"), "a.csv", archive.Xinhe);

        Assert.Equal((1, 1), (import.Created, import.Rejected));
        var rejection = Assert.Single(await RejectionsAsync(import.Id));
        Assert.Equal((3, "community 湖滨社区 is not yours"), (rejection.Line, rejection.Reason));
        await using var db = archive.CreateContext();
        Assert.Equal(["甲"], await db.Residents.Select(r => r.Name).ToListAsync());
    }

    [Fact]
    public async Task Rows_without_a_community_get_the_staff_members_only_one()
    {
        var import = await archive.ImportAsync(Utf8("name,phone\n甲,13800138001\n"), "a.csv", archive.Hubin);

        Assert.Equal((1, 0), (import.Created, import.Rejected));
        await using var db = archive.CreateContext();
        Assert.Equal(archive.Hubin, (await db.Residents.SingleAsync()).CommunityId);
    }

    [Fact]
    public async Task Rows_without_a_community_are_rejected_when_the_staff_member_has_several()
    {
        var import = await archive.ImportAsync(Utf8("name,phone\n甲,13800138001\n"), "a.csv", archive.Xinhe, archive.Hubin);

        Assert.Equal((0, 1), (import.Created, import.Rejected));
        Assert.Equal("community is empty; a new resident needs one", (await RejectionsAsync(import.Id)).Single().Reason);
    }

    [Fact]
    public async Task A_row_matching_a_resident_of_another_community_does_not_update_them()
    {
        var theirs = await archive.AddResidentAsync(r => (r.Name, r.Phone, r.CommunityId, r.ExternalId) = ("湖滨居民", "+8613800138009", archive.Hubin, "H9"));

        var import = await archive.ImportAsync(Utf8("name,phone,external id\n改名,13800138009,\n改名二,13900139000,H9\n"), "a.csv", archive.Xinhe);

        Assert.Equal((0, 0, 2), (import.Created, import.Updated, import.Rejected));
        Assert.Equal(
            ["phone +8613800138009 belongs to a resident of another community, not yours", "external id H9 belongs to a resident of another community, not yours"],
            (await RejectionsAsync(import.Id)).Select(r => r.Reason));
        await using var db = archive.CreateContext();
        var unchanged = await db.Residents.SingleAsync(r => r.Id == theirs.Id);
        Assert.Equal(("湖滨居民", archive.Hubin), (unchanged.Name, unchanged.CommunityId));
    }

    [Fact]
    public async Task Staff_update_their_own_residents_and_a_street_admin_any()
    {
        await archive.AddResidentAsync(r => (r.Name, r.Phone, r.CommunityId) = ("新河居民", "+8613800138001", archive.Xinhe));
        await archive.AddResidentAsync(r => (r.Name, r.Phone, r.CommunityId) = ("湖滨居民", "+8613800138002", archive.Hubin));

        var staff = await archive.ImportAsync(Utf8("name,phone\n新河改,13800138001\n"), "a.csv", archive.Xinhe);
        var admin = await archive.ImportAsync(Utf8("name,phone,community\n湖滨改,13800138002,湖滨\n"));

        Assert.Equal((1, 0), (staff.Updated, staff.Rejected));
        Assert.Equal((1, 0), (admin.Updated, admin.Rejected));
        Assert.Equal([archive.Xinhe], staff.CommunityIds);
        Assert.Null(admin.CommunityIds);
    }
}
