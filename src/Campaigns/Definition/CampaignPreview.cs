using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Wording;
using Outreach.Campaigns.Dispatch;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Telephony.Messaging;

namespace Outreach.Campaigns.Definition;

/// <summary>
/// What residents will receive, before launch: every segment's wording (drafted now and kept for the launch) with its
/// SMS cost, and a few messages filled in for real residents.
/// </summary>
public sealed class CampaignPreview(ResidentDirectory directory, SegmentWordings wordings, TimeProvider time)
{
    private const int Samples = 5;

    public async Task<PreviewView> BuildAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), QuietHours.Zone(campaign.TimeZone)).DateTime);
        var residents = await CampaignAudience.Residents(directory, campaign).OrderBy(r => r.Id)
            .Select(AudienceMember.FromResident)
            .ToListAsync(cancellationToken);
        var targets = residents.Select(r => r.ToTarget(campaign.Id, today)).ToList();
        var segments = targets.SelectMany(t => ChannelPlan.Steps(campaign, t.PreferredChannel).Distinct().Select(c => new Agent.Wording.SegmentKey(t.Language, t.Segment, c))).ToHashSet();
        var drafted = await wordings.EnsureAsync(campaign, segments, cancellationToken);
        var book = await wordings.LoadAsync(campaign, cancellationToken);
        var segmentViews = drafted.Where(w => segments.Contains(w.Key))
            .Select(w => new SegmentPreview(w.Language, w.Audience, w.Channel, targets.Count(t => t.Language == w.Language && t.Segment == w.Audience), w.Template, w.Source, Cost(w.Channel, w.Template)))
            .ToList();
        var samples = targets.GroupBy(t => (t.Language, t.Segment)).Select(g => g.First()).Take(Samples)
            .SelectMany(t => ChannelPlan.Steps(campaign, t.PreferredChannel).Distinct().Select(channel =>
            {
                var text = book.Fill(t, channel);
                return new SampleMessage(t.ResidentId, t.Name, channel, text, Cost(channel, text));
            }))
            .ToList();
        return new PreviewView(targets.Count, segmentViews, samples, Warnings(segmentViews));
    }

    /// <summary>Segments whose language the staff wrote nothing in (and no model translated): those residents get the original text.</summary>
    private static List<string> Warnings(IEnumerable<SegmentPreview> segments)
        => [.. segments.Where(s => s.Source == WordingSource.Untranslated).Select(s => s.Language).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(language => $"no {(Agent.Prompts.PromptLibrary.LanguageFor(language) == "en" ? "English" : language)} text: residents with language {language} will receive the original")];

    private static SmsEncoding? Cost(ContactChannel channel, string text) => channel == ContactChannel.Sms ? SmsSegments.Measure(text) : null;
}
