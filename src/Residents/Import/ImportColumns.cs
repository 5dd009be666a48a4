using Outreach.Residents.Archive;

namespace Outreach.Residents.Import;

/// <summary>
/// Which column of an uploaded file holds which field. Header names match without case, spaces, '_' or '-',
/// in English or Chinese (姓名, 电话, 社区…); a column named like a date (checkup_due, *_date, 体检日期, date:x)
/// becomes a custom date field.
/// </summary>
internal sealed class ImportColumns
{
    private static readonly Dictionary<string, ImportField> Aliases = BuildAliases();
    private readonly int[] indexes;

    private ImportColumns(int[] indexes, IReadOnlyList<(int Index, string Name)> dates, IReadOnlyList<string> ignored)
    {
        this.indexes = indexes;
        Dates = dates;
        Ignored = ignored;
    }

    public IReadOnlyList<(int Index, string Name)> Dates { get; }

    public IReadOnlyList<string> Ignored { get; }

    /// <summary>The column of a field, or -1 when the file has none.</summary>
    public int this[ImportField field] => indexes[(int)field];

    public bool Has(ImportField field) => indexes[(int)field] >= 0;

    /// <summary>Maps a header; a file without a name or phone column cannot be imported.</summary>
    public static ImportColumns Map(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var indexes = Enumerable.Repeat(-1, Enum.GetValues<ImportField>().Length).ToArray();
        var dates = new List<(int, string)>();
        var ignored = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim().TrimStart('\uFEFF');
            if (Aliases.TryGetValue(Key(header), out var field))
            {
                if (field == ImportField.Phone && indexes[(int)ImportField.Phone] >= 0)
                {
                    // A second phone column (手机 and 电话 side by side) is the second phone.
                    field = ImportField.SecondPhone;
                }

                if (indexes[(int)field] < 0)
                {
                    indexes[(int)field] = i;
                    continue;
                }
            }
            else if (DateFieldName(header) is { } dateName)
            {
                dates.Add((i, dateName));
                continue;
            }

            if (header.Length > 0)
            {
                ignored.Add(header);
            }
        }

        var found = string.Join(", ", headers.Where(h => h.Trim().Length > 0).Take(12));
        if (indexes[(int)ImportField.Name] < 0)
        {
            throw new ResidentImportFileException($"the file has no name column (name or 姓名); its header is: {found}");
        }

        if (indexes[(int)ImportField.Phone] < 0)
        {
            throw new ResidentImportFileException($"the file has no phone column (phone, 电话 or 手机); its header is: {found}");
        }

        return new ImportColumns(indexes, dates, ignored);
    }

    /// <summary>The date field a column fills, or null: checkup_due, vaccination_date, 体检日期, date:moved_in.</summary>
    public static string? DateFieldName(string header)
    {
        var name = ResidentDate.NormaliseName(header);
        if (name.StartsWith("date:", StringComparison.Ordinal) && name.Length > 5)
        {
            return name[5..];
        }

        return name.EndsWith("_due", StringComparison.Ordinal) || name.EndsWith("_date", StringComparison.Ordinal) || name.Contains("日期", StringComparison.Ordinal)
            ? name
            : null;
    }

    private static string Key(string header)
        => header.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static Dictionary<string, ImportField> BuildAliases()
    {
        var aliases = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        void Add(ImportField field, params string[] names)
        {
            foreach (var name in names)
            {
                aliases[Key(name)] = field;
            }
        }

        Add(ImportField.Name, "name", "full name", "姓名", "名字");
        Add(ImportField.Phone, "phone", "mobile", "phone number", "tel", "telephone", "电话", "手机", "手机号", "手机号码", "联系电话", "电话号码");
        Add(ImportField.SecondPhone, "second phone", "phone2", "other phone", "备用电话", "其他电话", "备用手机");
        Add(ImportField.Community, "community", "社区", "所属社区");
        Add(ImportField.Grid, "grid", "网格");
        Add(ImportField.Building, "building", "楼栋", "楼号", "幢");
        Add(ImportField.Unit, "unit", "单元", "户");
        Add(ImportField.Household, "household", "户号", "门牌号", "房号");
        Add(ImportField.BirthDate, "birth date", "date of birth", "dob", "birthday", "出生日期", "生日");
        Add(ImportField.Language, "language", "lang", "语言");
        Add(ImportField.Channel, "channel", "preferred channel", "渠道", "联系方式");
        Add(ImportField.Tags, "tags", "tag", "标签");
        Add(ImportField.ExternalId, "external id", "id", "编号", "档案编号", "居民编号");
        Add(ImportField.Gender, "gender", "sex", "性别");
        return aliases;
    }
}
