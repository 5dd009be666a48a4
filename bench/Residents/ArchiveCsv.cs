using System.Globalization;
using System.Text;

namespace Outreach.Residents.Bench;

/// <summary>A street-sized archive file: the columns an office exports, valid CN mobiles, a fixed seed.</summary>
internal static class ArchiveCsv
{
    public const string Header = "external_id,name,phone,community,grid,building,unit,household,birth_date,language,channel,tags,checkup_due";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["秀英", "桂英", "建国", "志强", "丽华", "伟", "芳", "敏", "静", "磊", "洋", "婷", "军", "杰", "淑珍", "玉兰"];
    private static readonly string[] Tags = ["elderly", "elderly|living_alone", "disabled", "new_resident", "", "", "", ""];

    public static byte[] Generate(int rows)
    {
        var random = new Random(120_000);
        var text = new StringBuilder(rows * 110).Append(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var age = random.Next(18, 95);
            var building = random.Next(1, 40);
            text.Append(CultureInfo.InvariantCulture,
                $"R{i:D7},{Surnames[random.Next(Surnames.Length)]}{Given[random.Next(Given.Length)]},138{i:D8},{(i % 2 == 0 ? "新河" : "湖滨")},{building / 4 + 1},{building},{random.Next(1, 4)},{random.Next(1, 19)}0{random.Next(1, 5)},")
                .Append(CultureInfo.InvariantCulture, $"{2026 - age}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2},{(random.Next(20) == 0 ? "en" : "zh-CN")},{(random.Next(3) == 0 ? "voice" : "sms")},")
                .Append(age >= 60 ? Tags[random.Next(2)] : Tags[random.Next(2, Tags.Length)]).Append(',')
                .Append(age >= 60 ? $"2026-{random.Next(11, 13)}-{random.Next(1, 29):D2}" : string.Empty)
                .Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
