PARENT = 'a1'
revision = 'b2'
down_revision = PARENT
