using System.Globalization;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Schedules;
using Outreach.Residents.Audiences;

namespace Outreach.Campaigns.Api;

/// <summary>Turns a create request into a draft campaign, or into field errors that name what was wrong.</summary>
public static class CampaignRequestValidation
{
    public static Campaign? ToCampaign(CreateCampaignRequest request, DateTimeOffset now, string? createdBy, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        Require(errors, "name", request.Name, 200);
        Require(errors, "notice.title", request.Notice?.Title, 200);
        Require(errors, "notice.body", request.Notice?.Body, 4000);
        try
        {
            AudienceExpression.Parse(request.Audience);
        }
        catch (AudienceSyntaxException ex)
        {
            errors["audience"] = [$"audience is not valid: {ex.Reason} at position {ex.Position}"];
        }

        if (!ChannelNames.TryParse(request.Channel ?? "sms", out var channel))
        {
            errors["channel"] = [$"channel '{request.Channel}' is not one of {string.Join(", ", ChannelNames.All)}"];
        }

        var response = ResponseKind.None;
        if (request.Notice?.Response is { } responseText && !Enum.TryParse(responseText, ignoreCase: true, out response))
        {
            errors["notice.response"] = [$"notice.response '{responseText}' is not one of {string.Join(", ", Enum.GetNames<ResponseKind>())}"];
        }

        var options = request.Notice?.Options?.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).ToList() ?? [];
        var slots = NoticeRequestParts.Slots(request.Notice?.Slots, errors);
        if (slots.Count > 0)
        {
            options = options.Count == 0 ? [.. slots.Select(s => s.Label)] : options;
            response = request.Notice?.Response is null ? ResponseKind.Option : response;
            if (response != ResponseKind.Option || slots.Any(s => !options.Contains(s.Label)))
            {
                errors["notice.slots"] = ["notice.slots are the options residents pick from: the response must be Option and every slot label one of notice.options"];
            }
        }

        var translations = NoticeRequestParts.Translations(request.Notice?.Translations, errors);
        if (response == ResponseKind.Option && options.Count < 2)
        {
            errors["notice.options"] = ["notice.options needs at least two options when the response is Option"];
        }

        var keyFacts = request.Notice?.KeyFacts?.ToList() ?? [];
        if (keyFacts.Any(f => string.IsNullOrWhiteSpace(f?.Name) || string.IsNullOrWhiteSpace(f?.Value)))
        {
            errors["notice.keyFacts"] = ["every key fact needs a name and a value"];
        }

        var quietFrom = Time(errors, "quietHours.from", request.QuietHours?.From, new TimeOnly(21, 0));
        var quietUntil = Time(errors, "quietHours.until", request.QuietHours?.Until, new TimeOnly(8, 0));
        var maxCalls = request.Plan?.MaxCalls ?? 2;
        if (maxCalls is < 1 or > 10)
        {
            errors["plan.maxCalls"] = ["plan.maxCalls must be between 1 and 10"];
        }

        var retryMinutes = request.Plan?.RetryMinutes ?? 30;
        if (retryMinutes is < 0 or > 1440)
        {
            errors["plan.retryMinutes"] = ["plan.retryMinutes must be between 0 and 1440"];
        }

        if (request.DailyCap is < 1)
        {
            errors["dailyCap"] = ["dailyCap must be at least 1 (omit it for no cap)"];
        }

        var schedule = Schedule(errors, request.Schedule);
        if (errors.Count > 0)
        {
            return null;
        }

        return new Campaign
        {
            Name = request.Name!.Trim(),
            Title = request.Notice!.Title!.Trim(),
            Body = request.Notice.Body!.Trim(),
            KeyFacts = keyFacts.Select(f => new KeyFact(f.Name.Trim(), f.Value.Trim())).ToList(),
            ResponseKind = response,
            Options = options,
            Slots = slots,
            Translations = translations,
            Audience = request.Audience?.Trim() ?? string.Empty,
            Channel = channel,
            MaxCalls = maxCalls,
            CallRetryMinutes = retryMinutes,
            StartAt = request.Schedule?.StartAt?.ToUniversalTime(),
            Schedule = schedule.Kind,
            Cron = schedule.Cron,
            DateField = schedule.DateField,
            DateOffsetDays = schedule.OffsetDays,
            DateLocalTime = schedule.At,
            QuietFrom = quietFrom,
            QuietUntil = quietUntil,
            DailyCap = request.DailyCap,
            OnePerHousehold = request.OnePerHousehold ?? false,
            Status = CampaignStatus.Draft,
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static (ScheduleKind Kind, string? Cron, string? DateField, int OffsetDays, TimeOnly? At) Schedule(Dictionary<string, string[]> errors, ScheduleRequest? schedule)
    {
        var given = new[] { schedule?.StartAt is not null, schedule?.Cron is not null, schedule?.Relative is not null }.Count(g => g);
        if (given > 1)
        {
            errors["schedule"] = ["schedule takes one of startAt, cron or relative"];
        }

        if (schedule?.Cron is { } cron)
        {
            if (!CampaignOccurrences.TryParseCron(cron, out _, out var error))
            {
                errors["schedule.cron"] = [$"schedule.cron '{cron}' is not a valid cron expression (five fields: minute hour day-of-month month day-of-week): {error}"];
            }

            return (ScheduleKind.Cron, cron.Trim(), null, 0, null);
        }

        if (schedule?.Relative is not { } relative)
        {
            return (ScheduleKind.Once, null, null, 0, null);
        }

        var field = string.IsNullOrWhiteSpace(relative.Field) ? null : Residents.Archive.ResidentDate.NormaliseName(relative.Field);
        if (field is null)
        {
            errors["schedule.relative.field"] = ["schedule.relative.field is required: the resident date field, such as checkup_due"];
        }
        else if (!AudienceExpression.TryParse($"{field} within 1 days", out _, out _) || field.Length > 64)
        {
            errors["schedule.relative.field"] = [$"schedule.relative.field '{relative.Field}' is not a resident date field (such as checkup_due or birth_date)"];
        }

        if (relative.DaysBefore is not null && relative.DaysAfter is not null)
        {
            errors["schedule.relative"] = ["schedule.relative takes daysBefore or daysAfter, not both"];
        }

        var offset = relative.DaysAfter ?? -(relative.DaysBefore ?? 0);
        if (offset is < -366 or > 366)
        {
            errors[relative.DaysAfter is null ? "schedule.relative.daysBefore" : "schedule.relative.daysAfter"] = ["schedule.relative days must be between 0 and 366"];
        }

        if (relative.At is null)
        {
            errors["schedule.relative.at"] = ["schedule.relative.at is required: the street-local time of day, such as 10:00"];
        }

        var at = Time(errors, "schedule.relative.at", relative.At, new TimeOnly(10, 0));
        return (ScheduleKind.DateField, null, field, offset, at);
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} is required"];
        }
        else if (value.Trim().Length > maxLength)
        {
            errors[field] = [$"{field} is longer than {maxLength} characters"];
        }
    }

    private static TimeOnly Time(Dictionary<string, string[]> errors, string field, string? value, TimeOnly fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = [$"{field} '{value}' is not a time like 21:00"];
        return fallback;
    }
}
