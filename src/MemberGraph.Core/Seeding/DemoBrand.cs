namespace MemberGraph.Seeding;

/// <summary>The demo fruit chain: its cities and stores (real-looking coordinates around each city centre).</summary>
internal static class DemoBrand
{
    public const string Name = "鲜果时光 FreshHour";

    public sealed record City(string Name, string Code, double Latitude, double Longitude, string[] Districts, string AreaCode);

    public static readonly City[] Cities =
    [
        new("上海", "SH", 31.2304, 121.4737, ["徐汇", "静安", "浦东", "长宁", "闵行", "杨浦"], "021"),
        new("杭州", "HZ", 30.2741, 120.1551, ["西湖", "滨江", "拱墅", "上城", "余杭"], "0571"),
        new("南京", "NJ", 32.0603, 118.7969, ["鼓楼", "玄武", "建邺", "秦淮", "江宁"], "025"),
        new("苏州", "SZ", 31.2989, 120.5853, ["姑苏", "工业园区", "高新"], "0512"),
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高", "罗"];
    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "晨", "悦", "子涵", "思远", "雨欣"];

    private static readonly string[] Streets = ["人民路", "中山路", "解放路", "建设路", "文化路", "和平路", "长江路", "新华路"];
    private static readonly string[] Hours = ["08:00-22:00", "09:00-21:30", "07:30-23:00", "10:00-22:00"];

    /// <summary>The store's address, phone and opening hours, from its city and number alone (the seed's random stream is not touched).</summary>
    public static (string Address, string Phone, string OpeningHours) DetailsOf(City city, string district, int number)
    {
        var street = Streets[(number * 3 + city.Code[0]) % Streets.Length];
        var place = district switch { "浦东" => "浦东新区", { Length: > 2 } => district, _ => district + "区" };
        return ($"{city.Name}市{place}{street}{number * 17 + 8}号", $"{city.AreaCode}-{6100_0000 + number * 1_013 + city.Code[1] * 7:00000000}", Hours[number % Hours.Length]);
    }
}
