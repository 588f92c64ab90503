from kettle import Kettle

Kettle().boil()
