using System.Net.Http.Json;
using System.Text.Json;

namespace Outreach.Campaigns.Tests.Definition;

public sealed class CampaignPreviewTests
{
    [Fact]
    public async Task The_preview_warns_when_a_language_has_no_text_and_will_get_the_original()
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false);
        await host.SeedResidentsAsync(4);
        host.Writer.Untranslated.Add("en");
        var id = await host.CreateCampaignAsync();

        var preview = await host.Http.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/preview");

        var warning = Assert.Single(preview.GetProperty("warnings").EnumerateArray());
        Assert.Equal("no English text: residents with language en will receive the original", warning.GetString());
    }

    [Fact]
    public async Task A_preview_with_text_for_every_language_has_no_warning()
    {
        await using var host = await CampaignTestHost.StartAsync(jobServer: false);
        await host.SeedResidentsAsync(4);
        var id = await host.CreateCampaignAsync();

        var preview = await host.Http.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/preview");

        Assert.Empty(preview.GetProperty("warnings").EnumerateArray());
    }
}
