using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Agent.Wording;

/// <summary>
/// Glosses the dates, weekdays and clock times of a Chinese key-fact value in digits and short invariant names
/// ("12月5日（周六）下午3点" → "12月5日（周六）下午3点 (Dec 5 Sat 15:00)"), for residents who cannot read the original.
/// The value itself is kept unchanged (the fact lock); nothing is inferred, such as a year or a relative day.
/// </summary>
public static partial class NeutralGloss
{
    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static string Append(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var glosses = new List<string>();
        foreach (Match m in MonthDay().Matches(value))
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day is >= 1 and <= 31)
            {
                glosses.Add(string.Create(CultureInfo.InvariantCulture, $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month)} {day}"));
            }
        }

        foreach (Match m in Weekday().Matches(value))
        {
            glosses.Add(Weekdays["一二三四五六日天".IndexOf(m.Groups["day"].Value[0], StringComparison.Ordinal) is var i and < 7 ? i : 6]);
        }

        foreach (Match m in ChineseClock().Matches(value))
        {
            var hour = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
            var minute = m.Groups["minute"].Value switch
            {
                "半" => 30,
                "" => 0,
                var digits => int.Parse(digits.TrimEnd('分'), CultureInfo.InvariantCulture),
            };
            if (m.Groups["part"].Value is "下午" or "晚上" && hour < 12)
            {
                hour += 12;
            }

            if (hour <= 23 && minute <= 59)
            {
                glosses.Add(string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}"));
            }
        }

        return glosses.Count == 0 ? value : $"{value} ({string.Join(' ', glosses)})";
    }

    [GeneratedRegex(@"(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*[日号]")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"(?:周|星期|礼拜)(?<day>[一二三四五六日天])")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(?<part>上午|早上|中午|下午|晚上)?\s*(?<hour>\d{1,2})\s*[点时](?<minute>半|\d{1,2}分?)?")]
    private static partial Regex ChineseClock();
}
