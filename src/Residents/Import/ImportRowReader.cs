using System.Globalization;
using System.Text;
using CsvHelper;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Import;

/// <summary>Reads and checks one CSV record into an <see cref="ImportRow"/>, with reasons a clerk understands.</summary>
internal sealed class ImportRowReader(ImportColumns columns, PhoneNumberParser phones, IReadOnlyDictionary<string, int> communities)
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];
    private static readonly char[] TagSeparators = ['|', ',', ';', '，', '、', '；'];
    private const int RememberedTexts = 1_000;
    private readonly ImportPhones phoneNumbers = new(phones);

    // A file repeats a handful of languages and tag lists over thousands of rows: each distinct text is normalised
    // once (lower-cased, split, joined: several strings a row that the collector then had to clear).
    private readonly Dictionary<string, string> languages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> tagLists = new(StringComparer.Ordinal);
    private readonly string knownCommunities = string.Join(", ", communities.Keys.Where(k => k.EndsWith("社区", StringComparison.Ordinal) || !communities.ContainsKey(k + "社区")));

    /// <summary>Whether a record has no value at all (",,,"): skipped like an empty line. Fields are trimmed on reading.</summary>
    public static bool IsBlank(CsvReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (!csv.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="csv">The reader, on the record to read.</param>
    /// <param name="scoped">Whether the import is held to the uploader's communities, a check that may reject any row later.</param>
    public ImportRow Read(CsvReader csv, bool scoped)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var row = new ImportRow { Line = (int)csv.LineNumber };
        row.Error = Fill(row, csv);

        // The row's text goes to rejected.csv, so it is kept only where a rejection is possible: a row rejected now,
        // one without a community (a new resident needs one), or any row of a scoped import. Decoding and keeping
        // every row's text was a tenth of what reading a file allocated.
        if (row.Error is not null || row.CommunityId is null || scoped)
        {
            row.Raw = RawText(csv);
        }

        return row;
    }

    /// <summary>The current record as it was written in the file.</summary>
    public static string RawText(CsvReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Encoding.UTF8.GetString(csv.RawRecord);
    }

    private string? Fill(ImportRow row, CsvReader csv)
    {
        string? Text(ImportField field) => columns.Has(field) && columns[field] < csv.FieldCount ? Clean(csv.GetString(columns[field])) : null;

        row.Name = Text(ImportField.Name) ?? string.Empty;
        if (row.Name.Length == 0)
        {
            return "name is empty";
        }

        if (row.Name.Length > 200)
        {
            return "name is longer than 200 characters";
        }

        var phone = phoneNumbers.Parse(Text(ImportField.Phone));
        if (phone.E164 is null)
        {
            return phone.Error;
        }

        row.Phone = phone.E164;
        if (Text(ImportField.SecondPhone) is { } secondRaw)
        {
            var second = phoneNumbers.Parse(secondRaw);
            if (second.E164 is null)
            {
                return "second " + second.Error;
            }

            row.SecondPhone = second.E164;
        }

        if (Text(ImportField.Community) is { } community)
        {
            if (!communities.TryGetValue(community, out var communityId))
            {
                return $"community {community} is not in this street (known: {knownCommunities})";
            }

            row.CommunityId = communityId;
        }

        row.ExternalId = Text(ImportField.ExternalId);
        if (row.ExternalId is { Length: > 100 })
        {
            return "external id is longer than 100 characters";
        }

        row.Grid = Text(ImportField.Grid);
        row.Building = Text(ImportField.Building);
        row.Unit = Text(ImportField.Unit);
        row.Household = Text(ImportField.Household);
        row.Gender = Text(ImportField.Gender);
        if (Text(ImportField.BirthDate) is { } birth)
        {
            if (ParseDate(birth) is not { } date)
            {
                return $"birth date {birth} is not a date (write it like 1950-03-01)";
            }

            row.BirthDate = date;
        }

        if (Text(ImportField.Language) is { } language)
        {
            row.Language = Remembered(languages, language, Language);
        }

        if (Text(ImportField.Channel) is { } channel)
        {
            row.Channel = Channel(channel);
            if (row.Channel is null)
            {
                return $"channel {channel} is not sms or voice";
            }
        }

        if (columns.Has(ImportField.Tags))
        {
            row.Tags = Remembered(tagLists, Text(ImportField.Tags) ?? string.Empty, EncodeTags);
        }

        foreach (var (index, name) in columns.Dates)
        {
            if (index >= csv.FieldCount || Clean(csv.GetString(index)) is not { } text)
            {
                continue;
            }

            if (ParseDate(text) is not { } value)
            {
                return $"{name} {text} is not a date (write it like 2026-12-01)";
            }

            row.Dates.Add((name, value));
        }

        return null;
    }

    private static string Remembered(Dictionary<string, string> seen, string text, Func<string, string> normalise)
    {
        if (!seen.TryGetValue(text, out var value))
        {
            value = normalise(text);
            if (seen.Count < RememberedTexts)
            {
                seen[text] = value;
            }
        }

        return value;
    }

    private static string EncodeTags(string text) => TagList.Encode(text.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries));

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    internal static DateOnly? ParseDate(string text)
        => IsoDate(text) ?? (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null);

    /// <summary>
    /// The common case, 1950-03-01, read without the format parser (the costliest part of checking a row); anything
    /// else, an impossible date included, is left to the formats, which read a valid yyyy-MM-dd the same way.
    /// </summary>
    private static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }

        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static string Language(string text) => text.ToLowerInvariant() switch
    {
        "中文" or "汉语" or "普通话" or "chinese" or "zh" => "zh-CN",
        "英文" or "英语" or "english" => "en",
        _ => LanguageTag.Normalise(text),
    };

    private static ContactChannel? Channel(string text) => text.ToLowerInvariant() switch
    {
        "sms" or "text" or "message" or "短信" => ContactChannel.Sms,
        "voice" or "call" or "phone" or "电话" or "语音" => ContactChannel.Voice,
        _ => null,
    };
}
