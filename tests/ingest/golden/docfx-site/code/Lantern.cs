public class Lantern
{
    #region Trim
    public void Trim(int millimetres)
    {
        // <measure>
        var length = millimetres * 2;
        // </measure>
        Wick.Cut(length);
    }
    #endregion
}
