namespace Outreach.Agent.Wording;

/// <summary>
/// How the agent addresses a resident. zh-CN uses surname + title by gender and age (张女士, 张阿姨 from 60, 张奶奶 from
/// 80); en uses Mr/Ms + family name. Without a known gender the full name is used, never a guessed title. The caller
/// (who has the archive record) computes it into <see cref="ResidentDetails.Honorific"/>; Personalise falls back to the name.
/// </summary>
public static class Honorifics
{
    private static readonly string[] CompoundSurnames =
        ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "轩辕", "长孙", "宇文", "端木", "南宫", "西门"];

    public static string For(string name, string? gender, DateOnly? birthDate, string language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        var male = gender?.Trim().ToLowerInvariant() is "m" or "male" or "man" or "男";
        var female = gender?.Trim().ToLowerInvariant() is "f" or "female" or "woman" or "女";
        if (!male && !female)
        {
            return trimmed;
        }

        var chineseName = trimmed.Length > 0 && trimmed[0] is >= '\u4e00' and <= '\u9fff';
        if (chineseName && language.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            var surname = CompoundSurnames.FirstOrDefault(s => trimmed.StartsWith(s, StringComparison.Ordinal)) ?? trimmed[..1];
            var age = birthDate is { } born ? today.Year - born.Year - (today.DayOfYear < born.DayOfYear ? 1 : 0) : 0;
            var title = (age, male) switch
            {
                ( >= 80, true) => "爷爷",
                ( >= 80, false) => "奶奶",
                ( >= 60, true) => "叔叔",
                ( >= 60, false) => "阿姨",
                (_, true) => "先生",
                _ => "女士",
            };
            return surname + title;
        }

        if (chineseName)
        {
            return trimmed;
        }

        var family = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        return (male ? "Mr " : "Ms ") + family;
    }
}
