using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Agent.Interpretation;

/// <summary>
/// Finds a date and time in a normalised (NFKC, lower case) message, in Chinese or English, relative to "now" in the
/// street's time zone. Weeks start on Monday: 下周六 and "next Saturday" are the Saturday of next week; a bare 周六 or
/// "Saturday" is the coming one (today included). An hour from 1 to 6 with no part of day is read as afternoon.
/// </summary>
public static partial class ResidentTimeParser
{
    private const string ChineseDigits = "〇零一二两三四五六七八九十";

    public static ResidentTime? Parse(string text, DateTimeOffset localNow)
    {
        ArgumentNullException.ThrowIfNull(text);
        var today = DateOnly.FromDateTime(localNow.DateTime);
        var date = RelativeDay(text, today) ?? Weekday(text, today) ?? MonthDay(text, today);
        var part = Part(text);
        var time = ClockTime(text, part);
        if (date is null && time is null && part is null)
        {
            return null;
        }

        return new ResidentTime(date, time, part);
    }

    private static DateOnly? RelativeDay(string text, DateOnly today)
    {
        if (text.Contains("大后天", StringComparison.Ordinal) || text.Contains("in three days", StringComparison.Ordinal))
        {
            return today.AddDays(3);
        }

        if (text.Contains("后天", StringComparison.Ordinal) || text.Contains("day after tomorrow", StringComparison.Ordinal))
        {
            return today.AddDays(2);
        }

        if (text.Contains("明天", StringComparison.Ordinal) || text.Contains("明日", StringComparison.Ordinal) || text.Contains("明儿", StringComparison.Ordinal) || EnglishWord(text, "tomorrow") || EnglishWord(text, "tmr") || EnglishWord(text, "tmrw"))
        {
            return today.AddDays(1);
        }

        if (text.Contains("今天", StringComparison.Ordinal) || text.Contains("今日", StringComparison.Ordinal) || EnglishWord(text, "today") || EnglishWord(text, "tonight"))
        {
            return today;
        }

        return null;
    }

    private static DateOnly? Weekday(string text, DateOnly today)
    {
        var zh = ChineseWeekday().Match(text);
        if (zh.Success)
        {
            var day = zh.Groups["day"].Value switch
            {
                "一" or "1" => DayOfWeek.Monday,
                "二" or "2" => DayOfWeek.Tuesday,
                "三" or "3" => DayOfWeek.Wednesday,
                "四" or "4" => DayOfWeek.Thursday,
                "五" or "5" => DayOfWeek.Friday,
                "六" or "6" or "末" => DayOfWeek.Saturday,
                _ => DayOfWeek.Sunday,
            };
            var prefix = zh.Groups["prefix"].Value;
            var weeks = prefix.StartsWith("下下", StringComparison.Ordinal) ? 2 : prefix.StartsWith('下') ? 1 : prefix.Length > 0 ? 0 : -1;
            return Resolve(today, day, weeks);
        }

        var en = EnglishWeekday().Match(text);
        if (en.Success)
        {
            var name = en.Groups["day"].Value;
            var day = Enum.GetValues<DayOfWeek>().First(d => d.ToString().StartsWith(name[..3], StringComparison.OrdinalIgnoreCase));
            var weeks = en.Groups["prefix"].Value switch
            {
                "next" => 1,
                "this" => 0,
                _ => -1,
            };
            return Resolve(today, day, weeks);
        }

        return null;
    }

    /// <summary>weeks: -1 the coming one, 0 this week's, 1 next week's, 2 the week after.</summary>
    private static DateOnly Resolve(DateOnly today, DayOfWeek day, int weeks)
    {
        if (weeks < 0)
        {
            var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead);
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays((weeks * 7) + (((int)day + 6) % 7));
    }

    private static DateOnly? MonthDay(string text, DateOnly today)
    {
        var match = ChineseMonthDay().Match(text);
        if (match.Success)
        {
            var day = Number(match.Groups["day"].Value);
            var month = match.Groups["month"].Success ? Number(match.Groups["month"].Value) : (int?)null;
            if (day is null or < 1 or > 31 || month is < 1 or > 12)
            {
                return null;
            }

            var candidate = SafeDate(today.Year, month ?? today.Month, day.Value);
            if (candidate is not null && candidate < today)
            {
                candidate = month is null ? SafeDate(today.AddMonths(1).Year, today.AddMonths(1).Month, day.Value) : SafeDate(today.Year + 1, month.Value, day.Value);
            }

            return candidate;
        }

        return null;
    }

    private static DateOnly? SafeDate(int year, int month, int day)
        => day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static DayPart? Part(string text)
    {
        if (ContainsAny(text, "下午", "afternoon") || AmPm().Match(text) is { Success: true } pm && pm.Groups["p"].Success)
        {
            return DayPart.Afternoon;
        }

        if (ContainsAny(text, "晚上", "傍晚", "今晚", "明晚", "evening", "tonight"))
        {
            return DayPart.Evening;
        }

        if (ContainsAny(text, "中午", "noon", "lunchtime"))
        {
            return DayPart.Noon;
        }

        if (ContainsAny(text, "上午", "早上", "早晨", "清早", "一早", "morning") || AmPm().IsMatch(text))
        {
            return DayPart.Morning;
        }

        return null;
    }

    private static TimeOnly? ClockTime(string text, DayPart? part)
    {
        int hour;
        var minute = 0;
        var colon = Colon().Match(text);
        var zh = ChineseClock().Match(text);
        var en = EnglishClock().Match(text);
        if (colon.Success)
        {
            hour = int.Parse(colon.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(colon.Groups["m"].Value, CultureInfo.InvariantCulture);
        }
        else if (zh.Success && Number(zh.Groups["h"].Value) is { } zhHour)
        {
            hour = zhHour;
            minute = zh.Groups["half"].Success ? 30 : zh.Groups["m"].Success ? Number(zh.Groups["m"].Value) ?? 0 : 0;
        }
        else if (en.Success)
        {
            hour = int.Parse(en.Groups["h"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }

        if (hour > 23 || minute > 59)
        {
            return null;
        }

        hour = part switch
        {
            DayPart.Afternoon or DayPart.Evening when hour < 12 => hour + 12,
            DayPart.Noon when hour < 6 => hour + 12,
            null when hour is >= 1 and <= 6 => hour + 12,
            _ => hour,
        };
        return new TimeOnly(hour % 24, minute);
    }

    /// <summary>1-31 written as digits or Chinese numerals (三, 十二, 二十五).</summary>
    internal static int? Number(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }

        if (value.Length == 0 || value.Any(c => !ChineseDigits.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        static int Digit(char c) => c switch { '〇' or '零' => 0, '一' => 1, '二' or '两' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, _ => -1 };
        var ten = value.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return value.Length == 1 ? Digit(value[0]) : null;
        }

        var tens = ten == 0 ? 1 : Digit(value[ten - 1]);
        var ones = ten == value.Length - 1 ? 0 : Digit(value[ten + 1]);
        return tens < 0 || ones < 0 ? null : (tens * 10) + ones;
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var needle in needles)
        {
            if (needle.Length > 2 || !needle.All(char.IsAsciiLetter) ? text.Contains(needle, StringComparison.Ordinal) : EnglishWord(text, needle))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EnglishWord(string text, string word)
    {
        var start = 0;
        while ((start = text.IndexOf(word, start, StringComparison.Ordinal)) >= 0)
        {
            var end = start + word.Length;
            var before = start == 0 || !char.IsAsciiLetter(text[start - 1]);
            var after = end == text.Length || !char.IsAsciiLetter(text[end]);
            if (before && after)
            {
                return true;
            }

            start = end;
        }

        return false;
    }

    [GeneratedRegex(@"[0-9]\s*(?:(?<p>p)|a)\.?m\b")]
    private static partial Regex AmPm();

    [GeneratedRegex("(?<prefix>下下个?|下个?|这个?|本)?(?:周|星期|礼拜)(?<day>[一二三四五六日天1-7末])")]
    private static partial Regex ChineseWeekday();

    [GeneratedRegex(@"\b(?<prefix>next|this|on)?\s*(?<day>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b")]
    private static partial Regex EnglishWeekday();

    [GeneratedRegex("(?:(?<month>[0-9]{1,2}|[一二三四五六七八九十]{1,2})月)?(?<day>[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:日|号)(?![楼院门线房室栋])")]
    private static partial Regex ChineseMonthDay();

    [GeneratedRegex(@"(?<![0-9])(?<h>[0-9]{1,2})[:：](?<m>[0-9]{2})(?![0-9])")]
    private static partial Regex Colon();

    [GeneratedRegex("(?<![有快慢早晚多少差好])(?<h>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:点|時|时)(?:(?<half>半)|(?<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})分?)?")]
    private static partial Regex ChineseClock();

    [GeneratedRegex(@"(?:\bat\s+(?<h>[0-9]{1,2})\b|\b(?<h>[0-9]{1,2})\s*(?:am|pm|a\.m|p\.m|o'?clock)\b)")]
    private static partial Regex EnglishClock();
}
