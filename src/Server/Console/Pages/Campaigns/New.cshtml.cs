using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Api;
using Outreach.Campaigns.Definition;

namespace Outreach.Server.StaffConsole.Pages.Campaigns;

/// <summary>Compose a notice and its audience; it is saved as a draft, previewed, then launched from its page.</summary>
public sealed class NewCampaignModel(CampaignDrafts drafts) : PageModel
{
    [BindProperty]
    public CampaignForm Input { get; set; } = new();

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var facts = (Input.KeyFacts ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split([':', '：'], 2))
            .Select(parts => new KeyFact(parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : string.Empty))
            .ToList();
        DateTimeOffset? startAt = DateTime.TryParse(Input.StartAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var start)
            ? new DateTimeOffset(start)
            : null;
        var request = new CreateCampaignRequest(
            Input.Name,
            new NoticeRequest(Input.Title, Input.Body, facts, Input.Response),
            Input.Audience,
            Input.Channel,
            Schedule: startAt is null ? null : new ScheduleRequest(startAt),
            QuietHours: new QuietHoursRequest(Input.QuietFrom, Input.QuietUntil));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var campaign = await drafts.CreateAsync(request, User.Identity?.Name, errors, cancellationToken);
        if (campaign is null)
        {
            Errors = [.. errors.Values.SelectMany(v => v)];
            return Page();
        }

        return Redirect($"/campaigns/{campaign.Id}");
    }

    public sealed class CampaignForm
    {
        public string? Name { get; set; }

        public string? Title { get; set; }

        public string? Body { get; set; }

        /// <summary>One "name: value" per line.</summary>
        public string? KeyFacts { get; set; }

        public string Response { get; set; } = nameof(ResponseKind.ConfirmDecline);

        public string Channel { get; set; } = "sms";

        public string? Audience { get; set; }

        public string? StartAt { get; set; }

        /// <summary>Street-local "HH:mm"; the default is the street's night, 21:00–08:00.</summary>
        public string QuietFrom { get; set; } = "21:00";

        public string QuietUntil { get; set; } = "08:00";
    }
}
